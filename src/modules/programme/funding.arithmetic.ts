import type { TransactionType } from '../../contracts/programme.ts';

/** Pure funding arithmetic: currency conversion, project balances and the donor table. */

export interface Rate {
  currency: string;
  validFrom: string;
  usdPerUnit: number;
}

/** The rate in force on a date: the newest one that starts on or before it. US dollars need none. */
export function rateOn(rates: readonly Rate[], currency: string, date: string): number | null {
  if (currency === 'USD') return 1;
  let best: Rate | null = null;
  for (const rate of rates) {
    if (rate.currency !== currency || rate.validFrom > date) continue;
    if (!best || rate.validFrom > best.validFrom) best = rate;
  }
  return best?.usdPerUnit ?? null;
}

/** Cents, rounded half away from zero, so that a table's rows add up to its total as printed. */
export const roundCents = (value: number): number =>
  (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-7)) / 100;

export const toUsd = (amount: number, usdPerUnit: number): number => roundCents(amount * usdPerUnit);

export interface FundingTransaction {
  type: TransactionType;
  date: string;
  usdAmount: number;
  donorId: string | null;
  earmarking: string;
}

export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

const inPeriod = (date: string, { from, to }: Period) => (!from || date >= from) && (!to || date <= to);

export interface ProjectFunding {
  pledged: number;
  committed: number;
  paid: number;
  disbursed: number;
  expenditure: number;
  /** Funds received before the period less what was spent before it. */
  openingBalance: number;
  /** Opening balance plus what was received in the period. */
  fundsAvailable: number;
  balance: number;
  /** Expenditure / funds available; above 1 when the project spent more than it had; null when it had nothing. */
  executionRate: number | null;
}

/** A project's funding over a period, in US dollars. */
export function projectFunding(transactions: readonly FundingTransaction[], period: Period = {}): ProjectFunding {
  const sums: Record<TransactionType, number> = {
    pledge: 0,
    commitment: 0,
    incoming_funds: 0,
    disbursement: 0,
    expenditure: 0,
  };
  let opening = 0;
  for (const t of transactions) {
    if (period.from && t.date < period.from) {
      if (t.type === 'incoming_funds') opening += t.usdAmount;
      if (t.type === 'expenditure') opening -= t.usdAmount;
      continue;
    }
    if (inPeriod(t.date, period)) sums[t.type] += t.usdAmount;
  }
  const fundsAvailable = roundCents(opening + sums.incoming_funds);
  return {
    pledged: roundCents(sums.pledge),
    committed: roundCents(sums.commitment),
    paid: roundCents(sums.incoming_funds),
    disbursed: roundCents(sums.disbursement),
    expenditure: roundCents(sums.expenditure),
    openingBalance: roundCents(opening),
    fundsAvailable,
    balance: roundCents(fundsAvailable - sums.expenditure),
    executionRate: fundsAvailable > 0 ? sums.expenditure / fundsAvailable : null,
  };
}

export interface DonorTable {
  rows: { donorId: string; name: string; paid: number; generalPurpose: number }[];
  total: number;
  generalPurpose: number;
  /** Share of the total paid without earmarking; null when nothing was paid. */
  generalPurposeShare: number | null;
}

/** What each donor paid in a period (incoming funds, in US dollars), largest first, as the annual report tabulates it. */
export function donorTable(
  transactions: readonly FundingTransaction[],
  names: ReadonlyMap<string, string>,
  period: Period = {},
): DonorTable {
  const byDonor = new Map<string, { paid: number; generalPurpose: number }>();
  for (const t of transactions) {
    if (t.type !== 'incoming_funds' || !t.donorId || !inPeriod(t.date, period)) continue;
    const entry = byDonor.get(t.donorId) ?? { paid: 0, generalPurpose: 0 };
    entry.paid += t.usdAmount;
    if (t.earmarking === 'general') entry.generalPurpose += t.usdAmount;
    byDonor.set(t.donorId, entry);
  }
  const rows = [...byDonor]
    .map(([donorId, e]) => ({
      donorId,
      name: names.get(donorId) ?? donorId,
      paid: roundCents(e.paid),
      generalPurpose: roundCents(e.generalPurpose),
    }))
    .sort((a, b) => b.paid - a.paid || a.name.localeCompare(b.name));
  const total = roundCents(rows.reduce((sum, r) => sum + r.paid, 0));
  const generalPurpose = roundCents(rows.reduce((sum, r) => sum + r.generalPurpose, 0));
  return { rows, total, generalPurpose, generalPurposeShare: total > 0 ? generalPurpose / total : null };
}
