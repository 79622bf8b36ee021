import { InitialSchema1764500000000 } from '../migrations/1764500000000-InitialSchema';
import { TradovateAccounts1764700000000 } from '../migrations/1764700000000-TradovateAccounts';
import { ExitEngine1764800000000 } from '../migrations/1764800000000-ExitEngine';
import { InsiderTables1764950000000 } from '../migrations/1764950000000-InsiderTables';
import { PositionExitPlans1765000000000 } from '../migrations/1765000000000-PositionExitPlans';
import { RoutingAcknowledgement1765200000000 } from '../migrations/1765200000000-RoutingAcknowledgement';
import { RecorderAlertGuards1765400000000 } from '../migrations/1765400000000-RecorderAlertGuards';
import { LoginSessions1765600000000 } from '../migrations/1765600000000-LoginSessions';
import { DcaLadders1765800000000 } from '../migrations/1765800000000-DcaLadders';
import { PnlSettings1765900000000 } from '../migrations/1765900000000-PnlSettings';
import { RecorderPriceSource1766000000000 } from '../migrations/1766000000000-RecorderPriceSource';
import { RecorderTraderSettings1766100000000 } from '../migrations/1766100000000-RecorderTraderSettings';

/** Every migration, in order. Schema changes only ever happen through these. */
export const MIGRATIONS = [
  InitialSchema1764500000000,
  TradovateAccounts1764700000000,
  ExitEngine1764800000000,
  InsiderTables1764950000000,
  PositionExitPlans1765000000000,
  RoutingAcknowledgement1765200000000,
  RecorderAlertGuards1765400000000,
  LoginSessions1765600000000,
  DcaLadders1765800000000,
  PnlSettings1765900000000,
  RecorderPriceSource1766000000000,
  RecorderTraderSettings1766100000000,
];
