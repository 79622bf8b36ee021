import { InitialSchema1764500000000 } from '../migrations/1764500000000-InitialSchema';

/** Every migration, in order. Schema changes only ever happen through these. */
export const MIGRATIONS = [InitialSchema1764500000000];
