import dayjs, { type Dayjs } from 'dayjs';

// The date-time pickers show and take the bank's wall-clock time (DOMAIN §8), whatever the browser's
// time zone: an RM on a trip abroad still records a visit at 09:30 Beijing time. Asia/Shanghai keeps
// UTC+8 all year, so a fixed offset is exact.

const BANK_OFFSET = '+08:00';
const BANK_OFFSET_MS = 8 * 3_600_000;

/** The bank's wall-clock time of an instant, as a picker value. */
export function toBankWallClock(iso: string): Dayjs {
  return dayjs(new Date(Date.parse(iso) + BANK_OFFSET_MS).toISOString().slice(0, 19));
}

/** Now, on the bank's clock. */
export const bankNow = (): Dayjs => toBankWallClock(new Date().toISOString());

/** A picker value read as the bank's wall-clock time, as an ISO instant with its offset. */
export const fromBankWallClock = (value: Dayjs): string =>
  `${value.format('YYYY-MM-DDTHH:mm:ss')}${BANK_OFFSET}`;

/** Whether a picked time lies after now (with the server's tolerance of a few minutes for clocks). */
export const isFutureBankTime = (value: Dayjs): boolean =>
  Date.parse(fromBankWallClock(value)) > Date.now() + 5 * 60_000;
