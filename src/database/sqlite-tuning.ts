import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prioritiseStatements } from './statement-priority';

/**
 * SQLite in WAL mode with synchronous=NORMAL: a commit survives a crash of the app (the WAL is
 * written before the commit returns) but not a power loss; it spares an fsync per write, which is
 * what the kill switch's latency is made of. The broker stays the truth and the reconciler repairs
 * what a power loss could lose. Exit work's statements go ahead of the others (statement-priority.ts).
 */
@Injectable()
export class SqliteTuning implements OnModuleInit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (this.db.options.type !== 'sqlite') return;
    await this.db.query('PRAGMA synchronous = NORMAL');
    prioritiseStatements((this.db.driver as unknown as { databaseConnection: Parameters<typeof prioritiseStatements>[0] }).databaseConnection);
  }
}
