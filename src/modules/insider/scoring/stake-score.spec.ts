import { fixture } from '../../../../test/fakes/edgar/fixture-files';
import { parseEdgarDocument } from '../parsing/edgar-document-parser';
import { Schedule13Filing } from '../parsing/parsed-filing';
import { NO_CONTEXT } from './signal-score';
import { scoreStakeFiling } from './stake-score';

function stake(name: string): Schedule13Filing {
  const outcome = parseEdgarDocument(fixture(name));
  if (!outcome.ok || outcome.filing.kind !== 'schedule13') throw new Error('schedule 13 expected');
  return outcome.filing;
}

describe('Schedule 13D/13G score (hand-computed)', () => {
  it('a new activist 13D at 12.4% funded with working capital: 50 + 20 + 10 + 5 = 85', () => {
    const score = scoreStakeFiling(stake('schedule13d-activist-two-persons.xml'));
    expect(score).toMatchObject({ kind: 'stake', score: 85, tradeDate: '2026-11-19', shares: '3100000' });
    expect(score.factors.map((f) => [f.name, f.points])).toEqual([['new 13D', 50], ['activist purpose', 20], ['stake size', 10], ['own money', 5]]);
  });

  it('a legacy text 13D that means to engage with the board at 7.6%: 50 + 20 = 70', () => {
    expect(scoreStakeFiling(stake('sc13d-legacy-plain-text.txt')).score).toBe(70);
  });

  it('a new passive 13G under Rule 13d-1(c): 20 + 5 = 25, modest', () => {
    expect(scoreStakeFiling(stake('schedule13g-passive-leading-blank-line.xml')).score).toBe(25);
    expect(scoreStakeFiling(stake('sc13g-legacy-html-submission.txt')).score).toBe(25);
  });

  it('a 13G/A by an institution: 10', () => {
    expect(scoreStakeFiling(stake('schedule13g-amendment-institution.xml')).score).toBe(10);
  });

  it('13D amendments: up >= 1 point 35, down 10, previous unknown 20 (plus purpose and size)', () => {
    const amended = { ...stake('schedule13d-activist-two-persons.xml'), amendment: true, formType: 'SCHEDULE 13D/A', purpose: 'No change.', persons: [] };
    expect(scoreStakeFiling(amended, { ...NO_CONTEXT, previousPercent: '10.9' }).score).toBe(35 + 10);
    expect(scoreStakeFiling(amended, { ...NO_CONTEXT, previousPercent: '13' }).score).toBe(10 + 10);
    expect(scoreStakeFiling(amended).score).toBe(20 + 10);
  });
});
