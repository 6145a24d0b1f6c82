import { z } from 'zod';

// Every environment variable the server reads, parsed and validated in one place (DOMAIN §7.1).
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/crm.sqlite'),
  CRM_DEMO: z.enum(['0', '1']).default('1'),
  CRM_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CRM_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('Demo@2026!'),
  CRM_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  CRM_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  CRM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CRM_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  CRM_WEB_ROOT: z.string().min(1).default('dist/web'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  demo: boolean;
  adminPassword: string | undefined;
  demoPassword: string;
  secureCookies: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  logLevel: string;
  dbPoolSize: number;
  webRoot: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    demo: e.CRM_DEMO !== '0',
    adminPassword: e.CRM_ADMIN_PASSWORD,
    demoPassword: e.CRM_DEMO_PASSWORD,
    secureCookies: e.CRM_SECURE_COOKIES,
    trustProxy: e.CRM_TRUST_PROXY === '1',
    logLevel: e.CRM_LOG_LEVEL,
    dbPoolSize: e.CRM_DB_POOL_SIZE,
    webRoot: e.CRM_WEB_ROOT,
  };
}
