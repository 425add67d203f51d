import { describe, expect, it } from 'vitest';
import { entryIntoForceFor, isInSet, type EifRule } from './instruments.service.ts';

const untoc: EifRule = {
  entryIntoForceDate: '2003-09-29',
  eifRuleKind: 'days_after',
  eifDaysAfter: 90,
  eifDaysAfterLaterJoiners: 30,
};
const icsft: EifRule = {
  entryIntoForceDate: '2002-04-10',
  eifRuleKind: 'days_after',
  eifDaysAfter: 30,
  eifDaysAfterLaterJoiners: 30,
};
const beijing: EifRule = {
  entryIntoForceDate: '2018-07-01',
  eifRuleKind: 'first_day_of_second_month',
  eifDaysAfter: null,
  eifDaysAfterLaterJoiners: null,
};
const cppnmAmendment: EifRule = {
  entryIntoForceDate: '2016-05-08',
  eifRuleKind: 'days_after',
  eifDaysAfter: 30,
  eifDaysAfterLaterJoiners: 0,
};

const ratification = (date: string) => ({ type: 'ratification', date, effectiveDate: null });

describe('entry into force for one participant', () => {
  it('binds an early depositor from the general entry into force', () => {
    expect(entryIntoForceFor(untoc, ratification('2001-02-01'))).toBe('2003-09-29');
    expect(entryIntoForceFor(icsft, ratification('2000-02-10'))).toBe('2002-04-10');
  });

  it('binds a later joiner after the later-joiner period, not the general one (UNTOC 30 days, not 90)', () => {
    expect(entryIntoForceFor(untoc, ratification('2004-05-10'))).toBe('2004-06-09');
    expect(entryIntoForceFor(icsft, ratification('2003-06-27'))).toBe('2003-07-27');
  });

  it('never binds before the general entry into force (whichever is later)', () => {
    // Deposited after the 40th instrument (2003-07-01) but 30 days later is still before 2003-09-29.
    expect(entryIntoForceFor(untoc, ratification('2003-08-15'))).toBe('2003-09-29');
  });

  it('uses the first day of the second month for the ICAO instruments of 2010 and 2014', () => {
    expect(entryIntoForceFor(beijing, ratification('2019-03-15'))).toBe('2019-05-01');
    expect(entryIntoForceFor(beijing, ratification('2019-12-31'))).toBe('2020-02-01');
    expect(entryIntoForceFor(beijing, ratification('2015-01-20'))).toBe('2018-07-01');
  });

  it('binds a later party to the CPPNM Amendment on the day of deposit', () => {
    expect(entryIntoForceFor(cppnmAmendment, ratification('2019-11-04'))).toBe('2019-11-04');
    expect(entryIntoForceFor(cppnmAmendment, ratification('2016-04-01'))).toBe('2016-05-08');
  });

  it('lets a succession take effect from its effective date, without a waiting period', () => {
    expect(entryIntoForceFor(icsft, { type: 'succession', date: '2006-10-23', effectiveDate: '2006-06-03' })).toBe(
      '2006-06-03',
    );
    expect(entryIntoForceFor(icsft, { type: 'succession', date: '2006-10-23', effectiveDate: null })).toBe(
      '2006-10-23',
    );
  });

  it('gives no date while the instrument itself is not in force', () => {
    expect(entryIntoForceFor({ ...beijing, entryIntoForceDate: null }, ratification('2012-01-01'))).toBeNull();
  });
});

describe('instrument sets', () => {
  it('are cumulative', () => {
    expect(isInSet({ ctSetFirstCounted: 12 }, 12)).toBe(true);
    expect(isInSet({ ctSetFirstCounted: 12 }, 19)).toBe(true);
    expect(isInSet({ ctSetFirstCounted: 19 }, 18)).toBe(false);
    expect(isInSet({ ctSetFirstCounted: null }, 19)).toBe(false);
  });
});
