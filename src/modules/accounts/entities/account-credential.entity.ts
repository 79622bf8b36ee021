import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A broker account's secrets, encrypted (AES-256-GCM); kept apart so an Account row never carries one. */
@Entity('account_credentials')
export class AccountCredential {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'text' })
  sealed: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
