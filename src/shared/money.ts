// DOMAIN §8: money is yuan with 2 decimals at the edge and integer fen inside.

/** Yuan to fen, or null when the amount has more than 2 decimals or is not finite. */
export function yuanToFen(yuan: number): number | null {
  if (!Number.isFinite(yuan)) return null;
  const fen = Math.round(yuan * 100);
  if (Math.abs(fen - yuan * 100) > 1e-6 * Math.max(1, Math.abs(fen))) return null;
  if (!Number.isSafeInteger(fen)) return null;
  return fen;
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}
