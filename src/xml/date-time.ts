/**
 * Reads `xs:dateTime` field by field. `new Date(text)` is not enough: it rolls impossible dates over
 * (`2024-02-30` becomes 1 March) and reads a value without a zone in the machine's local time.
 */

const DATE_TIME = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))?$/;
const MS_PER_MINUTE = 60_000;
/** The last year a JavaScript Date can hold in full. */
const LAST_YEAR = 275_759;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Minutes east of UTC, or `undefined` for an impossible zone. `Z` and a value without a zone (read as UTC) come
 * without a sign.
 */
function zoneOffset(sign: string | undefined, hoursText: string | undefined, minutesText: string | undefined): number | undefined {
  if (sign === undefined) return 0;
  const hours = Number(hoursText);
  const minutes = Number(minutesText);
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes !== 0)) return undefined;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Parses an `xs:dateTime` (years 0001 onwards, optional fraction and zone), or returns `undefined` when any field
 * is out of range. `24:00:00` is the first instant of the next day, as XML Schema defines it.
 */
export function parseXmlDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, yearText = '', monthText, dayText, hourText, minuteText, secondText, fraction = '', sign, zoneHours, zoneMinutes] = match;
  // XML Schema allows more than four year digits only without leading zeros.
  if (yearText.length > 4 && yearText.startsWith('0')) return undefined;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  const offset = zoneOffset(sign, zoneHours, zoneMinutes);
  if (year < 1 || year > LAST_YEAR || offset === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && /^0*$/.test(fraction);
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  return new Date(date.getTime() - offset * MS_PER_MINUTE);
}
