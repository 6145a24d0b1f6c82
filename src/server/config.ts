import { z } from 'zod';

const SMTP_URL_HINT = 'must be smtp://user:pass@host:port or smtps://user:pass@host:port';

function isSmtpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The address of a mailbox written `user@host` or `Name <user@host>`; null when it is neither. */
export function mailboxAddress(mailbox: string): string | null {
  const address = /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox;
  return /^[^\s@<>"]+@[^\s@<>"]+$/.test(address.trim()) ? address.trim() : null;
}

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
  // An empty value (`CRM_SMTP_URL=` in an env file) means unset: the e-mail channel stays off.
  CRM_SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().refine(isSmtpUrl, SMTP_URL_HINT).optional(),
  ),
  CRM_MAIL_FROM: z
    .string()
    .trim()
    .refine(
      (s) => mailboxAddress(s) !== null,
      'must be an address, or a name and address: Name <user@example.com>',
    )
    .default('客户经理工作台 <no-reply@localhost>'),
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
  /** Where e-mail to contact persons goes out; without it the e-mail channel is off. */
  smtpUrl: string | undefined;
  mailFrom: string;
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
    smtpUrl: e.CRM_SMTP_URL,
    mailFrom: e.CRM_MAIL_FROM,
  };
}
