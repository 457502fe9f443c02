/**
 * Real-looking secrets in comments (POLICY "Credentials"): connection URLs with a password
 * and `password=` / `password:` pairs, found the way the JS front-end finds them. Shared by
 * the comment-bearing front-ends (Python, Prisma); token-level patterns, not structure.
 */
import { parseConnectionUrl } from '../../core/connection-url.js';
import type { Range } from '../../core/model.js';

export interface CommentSecret {
  secret: string;
  range: Range;
  where: string;
  driver: string;
  user?: string;
}

/** `text` is the comment including its marker; `offset` is where it starts in the file. */
export function scanCommentForSecrets(text: string, offset: number): CommentSecret[] {
  const out: CommentSecret[] = [];
  if (text.length > 100_000) return out;
  for (const match of text.matchAll(/[a-z][a-z0-9+.:-]*:\/\/[^\s'"`<>]+/gi)) {
    const url = parseConnectionUrl(match[0]);
    for (const c of url?.credentials ?? []) {
      out.push({ secret: c.value, range: [offset + match.index + c.start, offset + match.index + c.end], where: 'a comment', driver: url!.scheme || 'connection string', ...(url!.user ? { user: url!.user } : {}) });
    }
  }
  for (const match of text.matchAll(/\b(?:password|passwd|pwd)\s*[:=]\s*['"]?([^\s'",;]+)/gi)) {
    const secret = match[1]!;
    const start = offset + match.index + match[0].length - secret.length;
    out.push({ secret, range: [start, start + secret.length], where: 'a comment', driver: 'comment' });
  }
  return out;
}
