/**
 * Writes a deterministic project tree for `npm run bench`: mostly ordinary application
 * code (as in a real repository), with database configs, env files, compose/k8s YAML,
 * sequelize JSON and Django settings mixed in. Same seed, same bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Repeats a block 1–3 times with distinct names, so files vary in size and stay valid JS. */
const repeat = (r, block) =>
  Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => block(k)).join('\n');

const plainJs = (i, r) =>
  `import { useState } from 'react';
import { format } from './format-${i % 50}.js';
` +
  repeat(
    r,
    (k) => `
/** Component ${i}: renders a list of items with paging. */
export function List${i}_${k}({ items, pageSize = ${10 + Math.floor(r() * 40)} }) {
  const [page, setPage] = useState(0);
  const visible = items.slice(page * pageSize, (page + 1) * pageSize);
  return visible.map((item, index) => format(item, index + page * pageSize));
}

export function sum${i}_${k}(values) {
  let total = 0;
  for (const v of values) total += v * ${Math.floor(r() * 100)};
  return total;
}
`,
  );

const plainTs = (i, r) =>
  repeat(
    r,
    (
      k,
    ) => `export interface Order${i}_${k} { id: string; total: number; lines: { sku: string; qty: number }[] }

export function totalOf${i}_${k}(order: Order${i}_${k}): number {
  return order.lines.reduce((sum, line) => sum + line.qty * ${(r() * 10).toFixed(2)}, 0);
}

export const DEFAULTS_${i}_${k} = { retries: ${Math.floor(r() * 5)}, timeoutMs: ${Math.floor(r() * 10000)} } as const;
`,
  );

const dbJs = (i, r) => {
  const variants = [
    `import { Pool } from 'pg';\nexport const pool${i} = new Pool({ host: 'db${i}.internal', user: 'app', password: process.env.DB_PASSWORD, ssl: ${r() < 0.5 ? '{ rejectUnauthorized: true }' : '{ rejectUnauthorized: false }'} });\n`,
    `const knex = require('knex');\nmodule.exports = knex({ client: 'pg', connection: { host: 'db${i}.internal', user: 'app', password: process.env.DB_PASSWORD } });\n`,
    `import mysql from 'mysql2/promise';\nexport const db${i} = mysql.createPool({ host: 'mysql${i}.internal', ssl: { rejectUnauthorized: true } });\n`,
    `import postgres from 'postgres';\nexport const sql${i} = postgres('postgres://app@db${i}.internal/app?sslmode=${r() < 0.5 ? 'verify-full' : 'require'}');\n`,
  ];
  return (
    variants[i % variants.length] + plainJs(i, r).replace("import { useState } from 'react';\n", '')
  );
};

const env = (i, r) =>
  `# service ${i}\nNODE_ENV=production\nDB_HOST=db${i}.internal\nDB_SSL=${r() < 0.7 ? 'true' : 'false'}\nPGSSLMODE=${r() < 0.7 ? 'verify-full' : 'prefer'}\nDATABASE_URL=postgres://app:\${DB_PASSWORD}@db${i}.internal:5432/app?sslmode=verify-full\nLOG_LEVEL=info\n`;

const compose = (i, r) =>
  `services:\n  api${i}:\n    image: example/api:${i}\n    environment:\n      NODE_ENV: production\n      PGSSLMODE: ${r() < 0.7 ? 'verify-full' : 'disable'}\n      DB_PASSWORD: \${DB_PASSWORD}\n    ports:\n      - "${3000 + (i % 1000)}:3000"\n  worker${i}:\n    image: example/worker:${i}\n    environment:\n      - QUEUE=jobs\n      - CONCURRENCY=${Math.floor(r() * 8)}\n`;

const json = (i, r) =>
  i % 3 === 0
    ? JSON.stringify(
        {
          production: {
            username: 'app',
            password: null,
            database: `app${i}`,
            host: `db${i}.internal`,
            dialect: 'postgres',
            dialectOptions: {
              ssl:
                r() < 0.5
                  ? { rejectUnauthorized: true }
                  : { require: true, rejectUnauthorized: false },
            },
          },
        },
        null,
        2,
      )
    : JSON.stringify(
        {
          name: `package-${i}`,
          version: `1.${i % 10}.0`,
          dependencies: { lodash: '^4.17.21' },
          scripts: { test: 'vitest' },
        },
        null,
        2,
      );

const python = (i, r) =>
  i % 4 === 0
    ? `import os\n\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "HOST": os.environ.get("DB_HOST", "db${i}.internal"),\n        "PASSWORD": os.environ["DB_PASSWORD"],\n        "OPTIONS": {"sslmode": "${r() < 0.7 ? 'verify-full' : 'prefer'}"},\n    }\n}\n`
    : `def handler_${i}(event):\n    total = 0\n    for item in event.get("items", []):\n        total += item["qty"] * ${Math.floor(r() * 10)}\n    return {"total": total}\n`;

const workflow = (i, r) =>
  `name: ci-${i}\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test -- --shard=${1 + (i % 4)}/4\n        env:\n          FORCE_COLOR: "${Math.floor(r() * 2)}"\n`;

const markdown = (i) => `# Module ${i}\n\nNotes about module ${i}. Nothing to scan here.\n`;

// ── `application`: one TypeScript service shaped like a NestJS / TypeORM API ──
// Feature modules of controller, service, DTOs, entity and spec; shared utilities that
// the services import; about 10 % of the files import a database module or its config
// (repositories, the data source, migrations), which imports the config module across
// files, as real services do.

const TS_HELPER = (i, r) =>
  repeat(
    r,
    (k) => `
/** Formats a value for the API's responses (helper ${i}.${k}). */
export function format${i}_${k}(value: unknown, locale = 'en-GB'): string {
  if (value instanceof Date) return value.toLocaleDateString(locale);
  if (typeof value === 'number') return value.toFixed(${Math.floor(r() * 4)});
  return String(value ?? '');
}

export const LIMITS_${i}_${k} = { page: ${10 + Math.floor(r() * 90)}, burst: ${Math.floor(r() * 500)} } as const;
`,
  );

const tsController = (
  i,
) => `import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Feature${i}Service } from './feature-${i}.service';
import { CreateFeature${i}Dto } from './dto/create-feature-${i}.dto';
import { format${i % 40}_0 } from '../../common/format-${i % 40}';

@Controller('feature-${i}')
export class Feature${i}Controller {
  constructor(private readonly service: Feature${i}Service) {}

  @Get()
  async list(@Query('page') page = 0) {
    const items = await this.service.list(Number(page));
    return items.map((item) => ({ ...item, label: format${i % 40}_0(item.createdAt) }));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.service.get(id);
  }

  @Post()
  create(@Body() dto: CreateFeature${i}Dto) {
    return this.service.create(dto);
  }
}
`;

const tsService = (i, r) => `import { Injectable, NotFoundException } from '@nestjs/common';
import type { CreateFeature${i}Dto } from './dto/create-feature-${i}.dto';
import { LIMITS_${i % 40}_0 } from '../../common/format-${i % 40}';

interface Item${i} { id: string; name: string; createdAt: Date; total: number }

@Injectable()
export class Feature${i}Service {
  private readonly items = new Map<string, Item${i}>();

  async list(page: number): Promise<Item${i}[]> {
    const size = LIMITS_${i % 40}_0.page;
    return [...this.items.values()].slice(page * size, (page + 1) * size);
  }

  async get(id: string): Promise<Item${i}> {
    const item = this.items.get(id);
    if (!item) throw new NotFoundException(\`feature-${i} \${id}\`);
    return item;
  }

  async create(dto: CreateFeature${i}Dto): Promise<Item${i}> {
    const item = { id: crypto.randomUUID(), name: dto.name, createdAt: new Date(), total: dto.quantity * ${(r() * 100).toFixed(2)} };
    this.items.set(item.id, item);
    return item;
  }
}
`;

const tsDto = (i) => `import { IsInt, IsString, Min } from 'class-validator';

export class CreateFeature${i}Dto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}
`;

const tsSpec = (i) => `import { Feature${i}Service } from './feature-${i}.service';

describe('Feature${i}Service', () => {
  it('creates and lists items', async () => {
    const service = new Feature${i}Service();
    const created = await service.create({ name: 'a', quantity: 2 });
    expect(await service.get(created.id)).toEqual(created);
    expect(await service.list(0)).toHaveLength(1);
  });
});
`;

const tsEntity = (
  i,
) => `import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('feature_${i}')
export class Feature${i}Entity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  name!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
`;

const tsRepository = (i) => `import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { dataSource } from '../../database/data-source';
import { Feature${i}Entity } from './feature-${i}.entity';

@Injectable()
export class Feature${i}Repository {
  private readonly repository: Repository<Feature${i}Entity> = dataSource.getRepository(Feature${i}Entity);

  findRecent(limit = 20) {
    return this.repository.find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
`;

const tsMigration = (i) => `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Feature${i}Migration${1700000000000 + i} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "feature_${i}" ("id" uuid PRIMARY KEY, "name" text NOT NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "feature_${i}"');
  }
}
`;

/** The files every application has once: config, data source, env, compose. */
const APPLICATION_FIXED = {
  'src/config/database.config.ts': `const production = process.env.NODE_ENV === 'production';

export const databaseConfig = {
  type: 'postgres' as const,
  host: process.env.DB_HOST ?? 'db.internal',
  port: Number(process.env.DB_PORT ?? 5432),
  username: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'app',
  ssl: production ? { rejectUnauthorized: true } : false,
  extra: { ssl: { rejectUnauthorized: false } },
};
`,
  'src/database/data-source.ts': `import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/database.config';

export const dataSource = new DataSource({ ...databaseConfig, entities: ['dist/**/*.entity.js'] });
`,
  'src/cache/redis.ts': `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
`,
  '.env.example':
    'NODE_ENV=development\nDB_HOST=localhost\nDB_PASSWORD=\nREDIS_URL=redis://localhost:6379\n',
  'docker-compose.yml':
    'services:\n  api:\n    build: .\n    environment:\n      DB_HOST: db\n      DB_PASSWORD: ${DB_PASSWORD}\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
  'package.json': JSON.stringify(
    {
      name: 'api',
      private: true,
      dependencies: {
        '@nestjs/common': '^11.0.0',
        typeorm: '^0.3.20',
        pg: '^8.11.0',
        ioredis: '^5.4.0',
      },
    },
    null,
    2,
  ),
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        strict: true,
      },
    },
    null,
    2,
  ),
};

/** An application of about `count` files: feature modules of eight files, helpers, fixed files. */
function generateApplication(root, count, seed) {
  const r = prng(seed);
  let bytes = 0;
  const write = (path, text) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    bytes += Buffer.byteLength(text);
  };
  for (const [path, text] of Object.entries(APPLICATION_FIXED)) write(path, text);
  for (let i = 0; i < 40; i++) write(`src/common/format-${i}.ts`, TS_HELPER(i, r));
  let files = Object.keys(APPLICATION_FIXED).length + 40;
  for (let i = 0; files < count; i++) {
    const dir = `src/modules/feature-${i}`;
    write(`${dir}/feature-${i}.controller.ts`, tsController(i));
    write(`${dir}/feature-${i}.service.ts`, tsService(i, r));
    write(`${dir}/feature-${i}.service.spec.ts`, tsSpec(i));
    write(`${dir}/dto/create-feature-${i}.dto.ts`, tsDto(i));
    write(`${dir}/README.md`, markdown(i));
    files += 5;
    // One module in five persists through the database: an entity, a repository and a
    // migration (about one file in ten names a database module).
    if (i % 10 < 2) {
      write(`${dir}/feature-${i}.entity.ts`, tsEntity(i));
      write(`${dir}/feature-${i}.repository.ts`, tsRepository(i));
      write(`src/migrations/${1700000000000 + i}-feature-${i}.ts`, tsMigration(i));
      files += 3;
    }
  }
  return { files, bytes };
}

// [share, generator, path] per kind. `dense` is a stress tree where nearly every config
// file concerns a database; `realistic` is shaped like an application monorepo, where a
// few hundred of 20,000 files do.
const PROFILES = {
  dense: [
    [0.45, plainJs, (i) => `src/components/c${i}.js`],
    [0.15, plainTs, (i) => `src/lib/m${i}.ts`],
    [0.05, dbJs, (i) => `src/db/d${i}.js`],
    [0.08, env, (i) => `services/s${i}/.env.production`],
    [0.09, compose, (i) => `deploy/d${i}/docker-compose.yml`],
    [0.09, json, (i) => (i % 3 === 0 ? `config/c${i}/config.json` : `packages/p${i}/package.json`)],
    [0.09, python, (i) => (i % 4 === 0 ? `app${i}/settings.py` : `app${i}/handlers.py`)],
  ],
  realistic: [
    [0.55, plainJs, (i) => `src/components/c${i}.jsx`],
    [0.15, plainTs, (i) => `src/lib/m${i}.ts`],
    [0.015, dbJs, (i) => `src/db/d${i}.js`],
    [0.005, env, (i) => `services/s${i}/.env.production`],
    [0.07, workflow, (i) => `.github/workflows/ci-${i}.yml`],
    [0.01, compose, (i) => `deploy/d${i}/docker-compose.yml`],
    [0.095, (i, r) => json(i * 3 + 1, r), (i) => `packages/p${i}/package.json`],
    [0.005, (i, r) => json(i * 3, r), (i) => `config/c${i}/config.json`],
    [0.045, python, (i) => `app${i}/handlers.py`],
    [0.005, (i, r) => python(i * 4, r), (i) => `app${i}/settings.py`],
    [0.05, markdown, (i) => `docs/m${i}.md`],
  ],
};

export function generate(root, count = 20000, seed = 42, profile = 'realistic') {
  rmSync(root, { recursive: true, force: true });
  if (profile === 'application') return generateApplication(root, count, seed);
  const KINDS = PROFILES[profile];
  const r = prng(seed);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    let x = r();
    let kind = KINDS[KINDS.length - 1];
    for (const k of KINDS) {
      if (x < k[0]) {
        kind = k;
        break;
      }
      x -= k[0];
    }
    const path = join(root, kind[2](i));
    mkdirSync(join(path, '..'), { recursive: true });
    const text = kind[1](i, r);
    bytes += Buffer.byteLength(text);
    writeFileSync(path, text);
  }
  return { files: count, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? join(import.meta.dirname, '.tree');
  console.log(generate(root, Number(process.argv[3] ?? 20000), 42, process.argv[4] ?? 'realistic'));
}
