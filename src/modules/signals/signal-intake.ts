import { Injectable } from '@nestjs/common';

/**
 * Whether signals still come in and still get routed. On shutdown the webhook closes first, so no
 * alert is accepted that this process could not finish; when the drain time is up routing stops
 * too, so no route publishes intents into a bus that is about to go away (a signal not routed
 * stays `accepted` and is picked up at the next start). Work already inside is counted, so the
 * drain can wait for it.
 */
@Injectable()
export class SignalIntake {
  private alertsClosed = false;
  private routingStopped = false;
  private receiving = 0;
  private routing = 0;

  alertsOpen(): boolean {
    return !this.alertsClosed;
  }

  /** Runs the webhook receipt when alerts are taken; null (nothing run) once they are not. */
  receive<T>(receipt: () => Promise<T>): Promise<T | null> {
    return this.alertsClosed ? Promise.resolve(null) : this.counted('receiving', receipt);
  }

  /** Runs the route of one signal unless routing stopped; false when it was not run. */
  async route(work: () => Promise<void>): Promise<boolean> {
    if (this.routingStopped) return false;
    await this.counted('routing', work);
    return true;
  }

  closeAlerts(): void {
    this.alertsClosed = true;
  }

  stopRouting(): void {
    this.routingStopped = true;
  }

  /** No receipt is being stored and no route is running right now. */
  isEmpty(): boolean {
    return this.receiving === 0 && this.routing === 0;
  }

  private async counted<T>(kind: 'receiving' | 'routing', work: () => Promise<T>): Promise<T> {
    this[kind]++;
    try {
      return await work();
    } finally {
      this[kind]--;
    }
  }
}
