import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike.
export class LoginSessions1765600000000 implements MigrationInterface {
  name = 'LoginSessions1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'login_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'secretHash', type: 'varchar', length: '64' },
          { name: 'createdAt', type: 'varchar', length: '30' },
          { name: 'lastSeenAt', type: 'varchar', length: '30' },
          { name: 'expiresAt', type: 'varchar', length: '30' },
          { name: 'revokedAt', type: 'varchar', length: '30', isNullable: true },
          { name: 'clientAddress', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('login_sessions');
  }
}
