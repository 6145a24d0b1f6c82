import type { AppDeps } from '../../deps';
import type { ZodApp } from '../../http/zod-app';

export function financialStatementsRoutes(_app: ZodApp, _deps: AppDeps) {}
