import type { AdaptiveCardJson } from '../../cards/render.js';
import type { AgreementStatus } from '../../domain/agreement/agreement-status.js';
import { CURRENT_MPA_VERSION, DEFAULT_MPA_TEXT_URL, type MpaAcceptanceView } from '../../domain/agreement/sign-mpa.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard } from '../card-render.js';
import { infoCard } from '../core/cards.js';
import { formatDateTime, type Reader } from '../../i18n/format/index.js';

/** M1: the current agreement's summary, the acceptance tick and Sign. */
export function mpaCard(locale: Locale, textUrl: string = DEFAULT_MPA_TEXT_URL): AdaptiveCardJson {
  return renderCard('mpa', {
    title: t(locale, 'mpa.title'),
    version: t(locale, 'mpa.version', { version: CURRENT_MPA_VERSION }),
    versionId: CURRENT_MPA_VERSION,
    summary: t(locale, 'mpa.summary'),
    acceptLabel: t(locale, 'mpa.acceptLabel'),
    signLabel: t(locale, 'mpa.sign'),
    textUrl,
    textLabel: t(locale, 'mpa.readText'),
  });
}

/** "Signed version V by N (email) at T". */
function signedText(reader: Reader, a: Pick<MpaAcceptanceView, 'version' | 'signerName' | 'signerEmail' | 'signedAt'>) {
  return t(reader.locale, 'mpa.signed', {
    version: a.version,
    name: a.signerName,
    email: a.signerEmail ?? t(reader.locale, 'identity.emailUnknown'),
    at: formatDateTime(a.signedAt, reader),
  });
}

/** M1: what the sign action answers; the time in the reader's zone. */
export function mpaSignedCard(reader: Reader, signed: MpaAcceptanceView): AdaptiveCardJson {
  return infoCard({ title: t(reader.locale, 'mpa.title'), text: signedText(reader, signed) });
}

/** M1: who signed which version, and whether the current one is signed. */
export function agreementStatusCard(reader: Reader, s: AgreementStatus): AdaptiveCardJson {
  const { locale } = reader;
  const lines: { text: string }[] = [{ text: t(locale, 'agreement.current', { version: s.currentVersion }) }];
  if (s.latest && !s.signedCurrent)
    lines.push({ text: t(locale, 'agreement.outdated', { version: s.currentVersion }) });
  return infoCard({
    title: t(locale, 'agreement.title'),
    text: s.latest ? signedText(reader, s.latest) : t(locale, 'agreement.notSigned'),
    sections: [{ heading: t(locale, 'mpa.title'), lines }],
  });
}
