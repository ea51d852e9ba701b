/**
 * The one home of display formatting (issue 12 item 5): dates and date-times in the reader's language
 * and time zone, counted phrases, and the names of regions, roles, partner types and countries. The
 * domain stores identifiers and instants; bot cards, pages, mails and notifications format them here.
 */
export { formatDate, formatDateTime, dateTimeFormat, type DateStyle, type Reader } from './dates.js';
export { parseTimeZone, timeZoneSchema } from './time-zone.js';
export { formatNumber, plural, pluralCategory, type PluralForms } from './plural.js';
export { countryName, countryOptions, partnerTypeLabel, regionLabel, roleLabel, roleLabels } from './labels.js';
export { changeLabel, entityLabel, partnerTypeLabels, stateLabel } from './labels.js';
export { escapeMarkdown } from './markdown.js';
export { markdownToPlain } from './markdown.js';
