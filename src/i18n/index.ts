export { LOCALES, pickLocale, type Locale } from './locale';
export { t, CATALOGS, type MessageKey, type MessageParams, type PlainKey } from './messages';
export { daysSince, formatCheckIn, formatCheckInDays, formatDateTime, formatDateTimeFromNow, parseInstant, relativeDays, rfc3339 } from './dates';
export { cleanUserText, recognizeIntent, type Intent } from './intent';
