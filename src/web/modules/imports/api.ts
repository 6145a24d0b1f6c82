import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  FileFormat,
  FileLang,
  ImportError,
  ImportJob,
  ImportJobStatus,
  ImportJobSummary,
  ImportKindCode,
  ImportMode,
  ImportResult,
} from '../../../shared/schemas/import';
import { ApiError, csrfHeader, type FieldProblem, get, qs } from '../../app/api';
import i18n from '../../i18n';

// Server calls of the import page (DOMAIN §7.2, §7.3): the multipart upload, the jobs it starts,
// and the files it offers (templates, error reports, exports).

export type { ImportError, ImportJob, ImportJobSummary, ImportKindCode, ImportMode };

/** The most one import takes (the server answers 413 above it). */
export const MAX_FILE_BYTES = 1024 ** 3;
export const FILE_TYPES = ['.csv', '.xlsx'] as const;

/** What an import did, or would do: the synchronous answer and a finished job look alike. */
export interface ImportOutcome {
  jobId: number;
  kind: ImportKindCode;
  mode: ImportMode;
  status: ImportJobStatus;
  fileName: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: ImportError[];
  message?: string | null;
}

/** 200: done at once (small files); 202: a job to poll. */
export type UploadAnswer = { done: true; result: ImportResult } | { done: false; jobId: number };

export interface UploadRequest {
  kind: ImportKindCode;
  mode: ImportMode;
  file: File;
  sheet?: string | undefined;
  /** Bytes sent so far, of all. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a file to `POST /imports/:kind`. An XMLHttpRequest rather than fetch, for the upload's
 * progress: a file of hundreds of megabytes takes a while to send before the server answers.
 */
export function upload({
  kind,
  mode,
  file,
  sheet,
  onProgress,
  signal,
}: UploadRequest): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports/${kind}${qs({ mode, sheet })}`);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded, e.total);
      };
    }
    xhr.onload = () => {
      const data = (xhr.response ?? {}) as Record<string, unknown>;
      if (xhr.status === 200) resolve({ done: true, result: data as unknown as ImportResult });
      else if (xhr.status === 202) resolve({ done: false, jobId: Number(data.jobId) });
      else {
        if (xhr.status === 401) sessionGone();
        const error = (data as { error?: { code?: string; message?: string; fields?: FieldProblem[] } })
          .error;
        reject(
          new ApiError(
            xhr.status,
            error?.code ?? (xhr.status === 413 ? 'file_too_large' : 'error'),
            error?.message ?? xhr.statusText,
            error?.fields ?? [],
          ),
        );
      }
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

/** A 401 means the session ended: asking who we are lets api.ts take the user to the sign-in page. */
function sessionGone() {
  void get('/auth/me').catch(() => undefined);
}

export const outcomeOfResult = (r: ImportResult): ImportOutcome => ({ ...r, message: null });
export const outcomeOfJob = (j: ImportJob): ImportOutcome => ({ ...j });

export const importJobKey = (jobId: number) => ['imports', 'job', jobId] as const;

/** One job, polled every second while it runs. */
export function useImportJob(jobId: number | null) {
  return useQuery({
    queryKey: importJobKey(jobId ?? 0),
    enabled: jobId !== null,
    queryFn: () => get<ImportJob>(`/imports/${jobId}`),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
    refetchIntervalInBackground: true,
  });
}

/** The recent jobs, newest first; refreshed every two seconds while one of them runs. */
export function useImportJobs(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['imports', 'jobs', page, pageSize],
    queryFn: () => get<{ items: ImportJobSummary[]; total: number }>(`/imports${qs({ page, pageSize })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((j) => j.status === 'running') ? 2000 : false),
  });
}

// ---------------------------------------------------------------------------------------------------
// Files to download

/** The header language of files written for the reader. */
export const fileLang = (): FileLang => (i18n.language === 'en' ? 'en' : 'zh-CN');

export const templateUrl = (kind: ImportKindCode, format: FileFormat, lang: FileLang) =>
  `/api/v1/imports/templates/${kind}${qs({ format, lang })}`;

export const errorReportUrl = (jobId: number) => `/api/v1/imports/${jobId}/error-report`;

/** The file name the server gives (`filename*=UTF-8''…` first), else `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

function save(href: string, fileName?: string) {
  const a = document.createElement('a');
  a.href = href;
  if (fileName !== undefined) a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Downloads a small file (a template, an error report) through fetch, so that a refusal shows as
 * an error message instead of a saved JSON file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const data = await res.json().catch(() => ({}));
    if (res.status === 401) sessionGone();
    const error = (data as { error?: { code?: string; message?: string; fields?: FieldProblem[] } }).error;
    throw new ApiError(
      res.status,
      error?.code ?? 'error',
      error?.message ?? res.statusText,
      error?.fields ?? [],
    );
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  try {
    save(href, fileNameOf(res.headers.get('content-disposition'), fallbackName));
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }
}

/**
 * Starts a download the browser streams to disk itself (an export may be hundreds of megabytes);
 * the server names the file.
 */
export function downloadStream(url: string) {
  save(url, '');
}
