/** What a TLS option reader gets: the value's place, its driver, and where verdicts go. */
import type { TlsDialect } from '../drivers/types.js';
import type { FixPrinter } from '../fixes.js';
import type { Message } from '../messages.js';
import type { Verdict, VerdictKind } from '../verdicts.js';

/** One TLS option value being judged, and where its verdicts go. */
export interface OptionJudgement {
  dialect: TlsDialect;
  /** The option's path as written: `ssl`, `connection.ssl`. */
  key: string;
  /** The driver as messages name it: `node-postgres (pg)`, `knex (mysql2 client)`. */
  driver: string;
  /** What to write instead, as the driver spells it: `ssl: { rejectUnauthorized: true }`. */
  secure: string;
  /** Spells the values fixes write, in the file's syntax. */
  printer: FixPrinter;
  judge(kind: VerdictKind, message: Message, extra?: Partial<Verdict>): void;
}
