import { describe, expect, it } from 'vitest';
import {
  donorTable,
  projectFunding,
  rateOn,
  roundCents,
  toUsd,
  type FundingTransaction,
} from './funding.arithmetic.ts';

const rates = [
  { currency: 'EUR', validFrom: '2013-01-01', usdPerUnit: 1.3 },
  { currency: 'EUR', validFrom: '2013-07-01', usdPerUnit: 1.35 },
  { currency: 'NOK', validFrom: '2013-01-01', usdPerUnit: 0.17 },
];

describe('currency conversion', () => {
  it('uses the newest rate that starts on or before the date', () => {
    expect(rateOn(rates, 'EUR', '2013-06-30')).toBe(1.3);
    expect(rateOn(rates, 'EUR', '2013-07-01')).toBe(1.35);
    expect(rateOn(rates, 'EUR', '2020-01-01')).toBe(1.35);
  });

  it('has no rate before the first one, nor for a currency not in the table; the dollar needs none', () => {
    expect(rateOn(rates, 'EUR', '2012-12-31')).toBeNull();
    expect(rateOn(rates, 'GBP', '2013-06-30')).toBeNull();
    expect(rateOn([], 'USD', '1990-01-01')).toBe(1);
  });

  it('converts to the cent, rounding half away from zero', () => {
    expect(toUsd(1_000_000, 0.17)).toBe(170_000);
    expect(toUsd(33.33, 1.35)).toBe(45); // 44.9955
    expect(toUsd(10.01, 1.35)).toBe(13.51); // 13.5135
    expect(roundCents(0.125)).toBe(0.13);
    expect(roundCents(-0.125)).toBe(-0.13);
  });
});

const t = (
  type: FundingTransaction['type'],
  date: string,
  usdAmount: number,
  donorId: string | null = 'norway',
  earmarking = 'project',
): FundingTransaction => ({ type, date, usdAmount, donorId, earmarking });

describe('project funding over a period', () => {
  const history = [
    t('pledge', '2012-11-01', 500_000),
    t('incoming_funds', '2012-12-15', 200_000),
    t('expenditure', '2012-12-20', 50_000, null),
    t('commitment', '2013-01-10', 300_000),
    t('incoming_funds', '2013-03-01', 100_000),
    t('expenditure', '2013-05-01', 180_000, null),
    t('expenditure', '2013-11-30', 120_000.5, null),
    t('incoming_funds', '2014-01-05', 999_999),
  ];

  it('carries what was left from earlier periods into the funds available', () => {
    const funding = projectFunding(history, { from: '2013-01-01', to: '2013-12-31' });
    // Opening: 200,000 received − 50,000 spent before 2013. Available: 150,000 + 100,000 received in 2013.
    expect(funding).toMatchObject({
      pledged: 0,
      committed: 300_000,
      paid: 100_000,
      expenditure: 300_000.5,
      openingBalance: 150_000,
      fundsAvailable: 250_000,
      balance: -50_000.5,
    });
    // Spending more than was available shows as an execution rate above 100 %.
    expect(funding.executionRate).toBeCloseTo(300_000.5 / 250_000, 10);
  });

  it('over all time counts everything and starts from nothing', () => {
    const funding = projectFunding(history);
    expect(funding).toMatchObject({
      pledged: 500_000,
      committed: 300_000,
      paid: 1_299_999,
      expenditure: 350_000.5,
      openingBalance: 0,
      fundsAvailable: 1_299_999,
      balance: 949_998.5,
    });
  });

  it('has no execution rate when nothing was available', () => {
    expect(projectFunding([t('expenditure', '2013-01-01', 10, null)]).executionRate).toBeNull();
  });
});

describe('donor table', () => {
  it('sums what each donor paid in the period, largest first, with the total and the general-purpose share', () => {
    const names = new Map([
      ['norway', 'Norway'],
      ['eu', 'European Union'],
      ['japan', 'Japan'],
    ]);
    const table = donorTable(
      [
        t('incoming_funds', '2013-02-01', 400_000, 'norway', 'general'),
        t('incoming_funds', '2013-08-01', 100_000.25, 'norway', 'project'),
        t('incoming_funds', '2013-04-01', 750_000, 'eu', 'project'),
        t('pledge', '2013-04-01', 5_000_000, 'japan', 'general'),
        t('incoming_funds', '2012-12-31', 1_000_000, 'japan', 'general'),
      ],
      names,
      { from: '2013-01-01', to: '2013-12-31' },
    );
    expect(table.rows).toEqual([
      { donorId: 'eu', name: 'European Union', paid: 750_000, generalPurpose: 0 },
      { donorId: 'norway', name: 'Norway', paid: 500_000.25, generalPurpose: 400_000 },
    ]);
    expect(table.total).toBe(1_250_000.25);
    expect(table.generalPurpose).toBe(400_000);
    expect(table.generalPurposeShare).toBeCloseTo(400_000 / 1_250_000.25, 10);
  });

  it('is empty, without a share, when nothing was paid', () => {
    expect(donorTable([], new Map())).toEqual({ rows: [], total: 0, generalPurpose: 0, generalPurposeShare: null });
  });
});
