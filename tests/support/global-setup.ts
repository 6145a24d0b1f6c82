import type { TestProject } from 'vitest/node';
import { type PgCluster, startPostgres } from './postgres';

// One PostgreSQL cluster for the whole run; each test file makes its own database in it.
let cluster: PgCluster | undefined;

export async function setup(project: TestProject) {
  const dialects = (process.env.DIALECTS ?? 'sqlite,postgres').split(',');
  if (dialects.includes('postgres')) {
    cluster = await startPostgres();
    project.provide('pgUrl', cluster.url);
  } else {
    project.provide('pgUrl', '');
  }
}

export function teardown() {
  cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
