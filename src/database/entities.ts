import { Account } from '../modules/accounts/entities/account.entity';
import { AccountCredential } from '../modules/accounts/entities/account-credential.entity';
import { LoginSession } from '../modules/auth/entities/login-session.entity';
import { Setting } from '../modules/auth/entities/setting.entity';
import { PaperState } from '../modules/broker/entities/paper-state.entity';
import { DcaLadder } from '../modules/dca/entities/dca-ladder.entity';
import { ExitMachine } from '../modules/exits/entities/exit-machine.entity';
import { ExitWatch } from '../modules/exits/entities/exit-watch.entity';
import { Fill } from '../modules/execution/entities/fill.entity';
import { InsiderFeedCursor } from '../modules/insider/entities/insider-feed-cursor.entity';
import { InsiderFiling } from '../modules/insider/entities/insider-filing.entity';
import { InsiderPending } from '../modules/insider/entities/insider-pending.entity';
import { InsiderWatch } from '../modules/insider/entities/insider-watch.entity';
import { Order } from '../modules/execution/entities/order.entity';
import { Position } from '../modules/execution/entities/position.entity';
import { Trade } from '../modules/execution/entities/trade.entity';
import { RecorderPosition } from '../modules/recorders/entities/recorder-position.entity';
import { RecorderTrade } from '../modules/recorders/entities/recorder-trade.entity';
import { Recorder } from '../modules/recorders/entities/recorder.entity';
import { Trader } from '../modules/recorders/entities/trader.entity';
import { SignalFilterCounter } from '../modules/recorders/entities/signal-filter-counter.entity';
import { SignalEvent } from '../modules/signals/entities/signal-event.entity';
import { Signal } from '../modules/signals/entities/signal.entity';
import { TradeExcursion } from '../modules/pnl/entities/trade-excursion.entity';

export const ENTITIES = [
  Account,
  AccountCredential,
  Setting,
  PaperState,
  ExitMachine,
  ExitWatch,
  Fill,
  Order,
  Position,
  Trade,
  RecorderPosition,
  RecorderTrade,
  Recorder,
  Trader,
  SignalFilterCounter,
  SignalEvent,
  Signal,
  InsiderFiling,
  InsiderPending,
  InsiderFeedCursor,
  InsiderWatch,
  LoginSession,
  DcaLadder,
  TradeExcursion,
];
