// The hub's GraphQL errors (classification, field at fault, limit) in words a clerk understands.
import { t, type Key, type Lang } from './i18n';

export interface HubError {
  message: string;
  path?: (string | number)[];
  extensions?: {
    classification?: string;
    field?: string;
    limit?: string;
    retryAfterSeconds?: number;
    currentVersion?: number;
    requestId?: string;
    reason?: string;
    [key: string]: unknown;
  };
}

/** The last named part of an input path: `input.members[0].nik` is `nik`. */
export function fieldName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  return parts[parts.length - 1];
}

/** One clerk-readable sentence (or two) for an error of the hub. */
export function describeError(error: HubError, language?: Lang): string {
  const ext = error.extensions ?? {};
  const classification = ext.classification ?? 'OTHER';
  const lines: string[] = [];
  const field = fieldName(ext.field);
  if (classification === 'CONFLICT' && field === 'expectedVersion') {
    lines.push(t('err_versionConflict', {}, language));
  } else if (ext.limit) {
    lines.push(t('err_limit', { limit: ext.limit }, language));
    if (ext.retryAfterSeconds) lines.push(t('err_retryAfter', { minutes: Math.ceil(ext.retryAfterSeconds / 60) }, language));
  } else {
    const key = `err_${classification}` as Key;
    lines.push(t(key, { requestId: String(ext.requestId ?? '') }, language).startsWith('err_')
      ? t('err_OTHER', {}, language) : t(key, { requestId: String(ext.requestId ?? '') }, language));
    // the hub's own message says what exactly is wrong with the input or the conflict
    if ((classification === 'BAD_REQUEST' || classification === 'CONFLICT') && error.message) lines.push(error.message);
    if (field) {
      const label = t(`field_${field}` as Key, {}, language);
      lines.push(t('err_field', { field: label.startsWith('field_') ? field : label }, language));
    }
  }
  return lines.join(' ');
}
