/**
 * A connection string, read by the consumer that reads it (DRIVERS.md §1: one sslmode
 * spelling, many meanings). Each consumer's rules live in its reader; this module holds what
 * they share: the reading context, the result, and the dispatch by semantics.
 */
import type { ConnectionUrl } from '../connection-url.js';
import { readLibpqUrl } from './libpq.js';
import { readMongodbUrl } from './mongodb.js';
import { readMssqlUrl } from './mssql.js';
import { readMysql2Url, readMysqlUrlOff } from './mysql.js';
import { readPostgresjsUrl } from './postgresjs.js';
import { readPrismaUrl } from './prisma.js';
import { readRedisUrl } from './redis.js';
import { readSlonikUrl } from './slonik.js';
import {
  UrlJudgement,
  type UrlReading,
  type UrlSemantics,
  type UrlVerdict,
} from './url-judgement.js';

export type { UrlReading, UrlSemantics, UrlVerdict } from './url-judgement.js';

/** The consumer to assume for a URL whose consumer is unknown, by scheme. */
export function defaultSemantics(url: ConnectionUrl): UrlSemantics | undefined {
  switch (url.family) {
    case 'postgres':
      return 'libpq';
    case 'mongodb':
    case 'redis': // judged by its scheme
      return 'mongodb';
    case 'mssql':
      return 'mssql';
    case 'mysql':
      return 'mysql'; // MySQL URLs mean different things to each client: only "off" is judged.
    default:
      return undefined;
  }
}

export function readUrl(semantics: UrlSemantics, reading: UrlReading): UrlVerdict {
  const judgement = new UrlJudgement(reading);
  if (reading.url.family === 'redis') readRedisUrl(judgement);
  else {
    switch (semantics) {
      case 'pg':
      case 'libpq':
        readLibpqUrl(judgement, semantics);
        break;
      case 'postgresjs':
        readPostgresjsUrl(judgement);
        break;
      case 'slonik':
        readSlonikUrl(judgement);
        break;
      case 'prisma':
        readPrismaUrl(judgement);
        break;
      case 'mysql2':
        readMysql2Url(judgement);
        break;
      case 'mysql':
        readMysqlUrlOff(judgement);
        break;
      case 'ignored':
        readIgnoredParameters(judgement);
        break;
      case 'mongodb':
        readMongodbUrl(judgement);
        break;
      case 'mssql':
        readMssqlUrl(judgement);
        break;
    }
  }
  return judgement.result;
}

/** Consumers that parse the URL themselves and drop its query (TypeORM's MySQL, MikroORM). */
function readIgnoredParameters(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  for (const key of ['sslmode', 'ssl', 'ssl-mode']) {
    if (!judgement.url.params.has(key)) continue;
    judgement.result.decidesTls = !optionMayEnableTls; // reported here, not again as a missing TLS option
    judgement.observe('tls-ignored', key, {
      id: 'urlParameterIgnored',
      data: { driver, param: key, secure: 'the TLS option of the config object' },
    });
  }
}
