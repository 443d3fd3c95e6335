/**
 * Dates as a reader says them, in the lecture's language: `1949-10` → "October 1949",
 * `1950-02-14` → "February 14, 1950" (en) or "14 февраля 1950 г." (ru). A year stays as written.
 * The machine-readable form stays in <time datetime>.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withDay}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'long',
      ...(withDay ? { day: 'numeric' } : {}),
      timeZone: 'UTC',
    };
    try {
      format = new Intl.DateTimeFormat(lang, options);
    } catch {
      format = new Intl.DateTimeFormat('en', options); // a tag Intl does not know: English rather than failing
    }
    formats.set(key, format);
  }
  return format;
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * US English, the default language, spelled without Intl: the first Intl.DateTimeFormat of a
 * process loads locale data (about 12 ms, a large share of a small render). The unit test holds
 * this to Intl's own output for every month and day.
 */
function formatEnglish(year: number, month: number, day: number | undefined): string | undefined {
  const name = ENGLISH_MONTHS[month - 1];
  if (name === undefined || year < 1 || year > 9999) return undefined;
  return day === undefined ? `${name} ${year}` : `${name} ${day}, ${year}`;
}

const isUsEnglish = (lang: string) => /^en(-us)?$/i.test(lang);

/** Format a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date (already validated) for readers of `lang`. */
export function formatDate(date: string, lang: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || Number.isNaN(year) || Number.isNaN(month)) return date;
  const english = isUsEnglish(lang) ? formatEnglish(year, month, day) : undefined;
  if (english !== undefined) return english;
  const when = new Date(0);
  when.setUTCFullYear(year, month - 1, day ?? 1); // setUTCFullYear keeps years below 100 as written
  return formatter(lang, day !== undefined).format(when);
}
