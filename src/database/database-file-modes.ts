import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as fs from 'fs';
import { DataSource } from 'typeorm';

/** The SQLite file and its -wal/-shm hold broker credentials (encrypted) and every trade: owner only (0600). */
@Injectable()
export class DatabaseFileModes implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    if (this.db.options.type !== 'sqlite' || this.db.options.database === ':memory:') return;
    const file = this.db.options.database;
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        fs.chmodSync(path, 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`could not make ${path} private (0600): ${(error as Error).message}`);
      }
    }
  }
}
