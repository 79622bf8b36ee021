/**
 * Every number the insider score uses, in one table, each with the research it rests on.
 * Changing a weight here changes the score everywhere (page, API, CLI, alerts); the specs pin the
 * hand-computed results, so a change shows up as a failing expectation to review.
 */
export const BUY_WEIGHTS = {
  // Insider purchases predict abnormal returns; sales mostly do not (Lakonishok & Lee 2001, RFS;
  // Jeng, Metrick & Zeckhauser 2003, REStat; Seyhun 1986, JFE). Only open-market buys (code P) score.
  base: 20,
  // "Information hierarchy": top executives' trades are most informative (Seyhun 1986); CFO trades
  // earn at least as much as CEO trades (Wang, Shin & Francis 2012, JFQA); independent directors
  // earn less than officers (Ravina & Sapienza 2010, RFS); large outside holders least.
  role: { ceoCfoChair: 20, presidentOrCSuite: 15, officer: 10, director: 8, tenPercentOwner: 4, other: 2 },
  // Routine traders (same calendar month in each of the three prior years) carry no information;
  // opportunistic ones do (Cohen, Malloy & Pomorski 2012, JF, "Decoding Inside Information").
  opportunistic: { opportunistic: 15, unknownHistory: 8, routine: 0, yearsNeeded: 3 },
  // Several insiders buying within a short window are more informative than one (Alldredge & Blank 2019, JFR).
  cluster: { windowDays: 30, two: 8, threeOrMore: 15 },
  // Larger trades relative to holdings carry more information; dollar size matters less
  // (Scott & Xu 2004, FAJ). Thresholds in dollars and in percent of the holding before the buy.
  dollars: [
    { atLeast: '1000000', points: 8 },
    { atLeast: '250000', points: 6 },
    { atLeast: '100000', points: 4 },
    { atLeast: '25000', points: 2 },
  ],
  relativeIncreasePct: [
    { atLeast: '100', points: 7 },
    { atLeast: '25', points: 5 },
    { atLeast: '10', points: 3 },
  ],
  // Insiders buy after declines, and those contrarian buys are the informative ones
  // (Rozeff & Zaman 1998, JF; Lakonishok & Lee 2001). Return over the 20 trading days before the buy.
  priceContext: { unavailable: 3, steps: [{ atMostPct: '-15', points: 10 }, { atMostPct: '-5', points: 6 }, { atMostPct: '0', points: 3 }] },
  // The predictive power is concentrated in small firms (Lakonishok & Lee 2001; Seyhun 1986).
  firmSize: { unknown: 2, steps: [{ belowUsd: '300000000', points: 5 }, { belowUsd: '2000000000', points: 3 }, { belowUsd: '10000000000', points: 1 }] },
  // Pre-scheduled 10b5-1 trades are less informative on average but can be used strategically
  // (Jagolinzer 2009, Management Science): discount, do not zero.
  planMultiplier: '0.5',
} as const;

/** A sale "caution" score (0-60), never mixed into the buy ranking (Lakonishok & Lee 2001; Cohen et al. 2012). */
export const SALE_WEIGHTS = {
  base: 10,
  opportunistic: 15,
  soldAtLeastPctOfHolding: { pct: '30', points: 15 },
  clusterOfSellers: { atLeast: 3, points: 15 },
  priceRunUp: { atLeastPct: '15', points: 5 },
  cap: 60,
} as const;

/**
 * Schedule 13D/13G. Activist 13D filings are followed by about +7% abnormal returns around the
 * filing (Brav, Jiang, Partnoy & Thomas 2008, JF), more than passive 13G stakes by the same
 * investors (Clifford 2008, JCF).
 */
export const STAKE_WEIGHTS = {
  new13D: 50,
  amended13DUp: 35, // percent up by at least `amendmentUpPoints`
  amended13DUnknown: 20, // amendment whose previous percent we do not have
  amended13DDown: 10,
  amendmentUpPoints: '1',
  activistPurpose: 20,
  activistPattern: /\b(board|nominat|strategic alternative|sale of the (company|issuer)|proxy|engage)/i,
  percentAtLeast10: 10,
  percentAtLeast20: 5,
  ownMoneyActivist: 5, // person type IN/PN/OO funded with WC/PF
  new13G: 20,
  amended13G: 10,
  passiveInvestor13d1c: 5,
  cap: 100,
} as const;

/** Codes that are never buy signals: grants, exercises, conversions, withholding, gifts, distributions ... */
export const NOISE_CODES = new Set(['A', 'M', 'X', 'O', 'C', 'F', 'D', 'G', 'J', 'I', 'L', 'W', 'Z', 'E', 'H', 'U', 'K', 'V']);

/** A "P" that is not an open-market buy: bought from the issuer in an offering or placement. */
export const OFFERING_PURCHASE = /initial public offering|\bIPO\b|private placement|registered offering|underwritten|directly from the issuer/i;
