/**
 * Characters that Teams' markdown (message text and Adaptive Card TextBlocks) reads as syntax anywhere in a line:
 * emphasis, strike-through, code, links and images (`[`/`]`), HTML and `<at>` mentions, entities (`&lt;`),
 * tables, and the backslash itself.
 */
const MARKDOWN_ANYWHERE = /[\\`*_~[\]<>&|]/g;
/** Syntax at the start of a line (after spaces): headings, lists, quotes, rules, numbered lists (`1.` / `1)`). */
const MARKDOWN_LINE_START = /^([ \t]*)(?:([#+\-=])|(\d+)([.)]))/gm;

/**
 * Text from partners and customers made inert for Teams' markdown (issue 13 item 6): each syntax character is
 * given to `escape` (by default a CommonMark backslash escape, which Teams shows as the character itself), so
 * `[Re-verify](https://evil.example) **URGENT**` reads as typed and is never a link or bold. The visible
 * characters are unchanged.
 */
export function escapeMarkdown(text: string, escape: (ch: string) => string = (ch) => `\\${ch}`): string {
  return text
    .replace(MARKDOWN_ANYWHERE, escape)
    .replace(MARKDOWN_LINE_START, (_whole, lead: string, mark?: string, digits?: string, dot?: string) =>
      mark !== undefined ? `${lead}${escape(mark)}` : `${lead}${digits ?? ''}${escape(dot ?? '')}`,
    );
}

/**
 * A notice's markdown as plain text, for places that are not markdown (the Dashboard's HTML, which escapes it as
 * HTML) or that escape it again themselves (card data): the emphasis markers of the catalogue's own text are
 * dropped and backslash escapes (CommonMark: before ASCII punctuation) give back the character as typed.
 */
export function markdownToPlain(text: string): string {
  return text.replace(/(?<!\\)(\*\*|__|`)/g, '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
