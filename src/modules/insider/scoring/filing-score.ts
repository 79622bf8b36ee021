import { ParsedFiling } from '../parsing/parsed-filing';
import { scoreOwnershipFiling } from './ownership-score';
import { NO_CONTEXT, ScoreContext, SignalScore } from './signal-score';
import { scoreStakeFiling } from './stake-score';

export function scoreFiling(filing: ParsedFiling, context: ScoreContext = NO_CONTEXT): SignalScore {
  return filing.kind === 'ownership' ? scoreOwnershipFiling(filing, context) : scoreStakeFiling(filing, context);
}
