/**
 * One setting written as a scalar — an env line (`PGSSLMODE=require`), a server setting
 * (`ssl = off`): its text, where it sits, and the edits a fix may make to its characters.
 * The readers of env conventions, libpq variables and server settings judge through it.
 */
import { editInsideLiteral } from '../fixes.js';
import type { Message } from '../messages.js';
import type { FixIntent, LiteralValue, Range } from '../model.js';
import type { Verdict, VerdictContext, VerdictKind } from '../verdicts.js';

export class ScalarJudgement {
  /**
   * @param name the setting's name as written (`PGSSLMODE`, `ssl`)
   * @param literal the value as the program sees it; its range is where verdicts point
   * @param text the value's text (trimmed by the caller where the consumer trims)
   */
  constructor(
    readonly name: string,
    readonly literal: LiteralValue,
    readonly text: string,
    readonly context: VerdictContext,
    readonly out: Verdict[],
  ) {}

  observe(kind: VerdictKind, message: Message, extra: Partial<Verdict> = {}): void {
    this.out.push({
      kind,
      message,
      setting: this.name,
      range: this.literal.range,
      ...this.context,
      fixes: [],
      ...extra,
    });
  }

  /** Replaces the whole value (`PGSSLMODE=require` → `verify-full`), when it differs. */
  replace(text: string, description: string, safe: boolean): FixIntent[] {
    const length = typeof this.literal.value === 'string' ? this.literal.value.length : 0;
    const edit = editInsideLiteral(this.literal, 0, length, text);
    return edit && this.literal.value !== text ? [{ description, edits: [edit], safe }] : [];
  }

  /** Replaces characters `[start, end)` of the value. */
  edit(start: number, end: number, text: string, description: string, safe: boolean): FixIntent[] {
    const edit = editInsideLiteral(this.literal, start, end, text);
    return edit ? [{ description, edits: [edit], safe }] : [];
  }

  /** A range inside the value, when its characters map 1:1 onto the source. */
  sub(start: number, end: number): Range {
    const l = this.literal;
    return l.verbatim && l.contentStart !== undefined
      ? [l.contentStart + start, l.contentStart + end]
      : l.range;
  }
}
