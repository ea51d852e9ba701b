import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { Tx } from '../shared/store.js';

export const orderLine = z.object({
  offerId: z.string().trim().min(1).max(100),
  quantity: z.number().int().min(1).max(100_000),
});
export const orderLines = z.array(orderLine).min(1).max(20);

/** S1/S4: every offer exists and is active (not retired), and each licence count is within its limits. */
export async function requireOffers(tx: Tx, lines: readonly z.infer<typeof orderLine>[]) {
  const offers = await tx.offer.findMany({ where: { id: { in: lines.map((l) => l.offerId) } } });
  for (const line of lines) {
    const offer = offers.find((o) => o.id === line.offerId);
    if (!offer) throw new AppError('OFFER_NOT_FOUND', { offerId: line.offerId });
    // issue 14: a retired offer stays on existing subscriptions but cannot be ordered again
    if (!offer.active) throw new AppError('OFFER_RETIRED', { offerEn: offer.nameEn, offerKo: offer.nameKo });
    if (line.quantity < offer.minQuantity || line.quantity > offer.maxQuantity) {
      throw new AppError('QUANTITY_OUT_OF_RANGE', { min: offer.minQuantity, max: offer.maxQuantity });
    }
  }
  return offers;
}
