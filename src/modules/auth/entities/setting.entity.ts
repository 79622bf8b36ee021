import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small installation-wide values (the admin password hash, the session secret). */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
