/** Dollar amounts as settings accept them: decimal text, at most cents, no sign, no exponent. */
export const USD_AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
/** A positive dollar amount (a loss limit of 0 would refuse every entry). */
export const POSITIVE_USD_AMOUNT = /^(?=.*[1-9])\d{1,12}(\.\d{1,2})?$/;
/** Commission per contract: up to 4 decimals (some brokers quote $0.0925). */
export const COMMISSION_AMOUNT = /^\d{1,6}(\.\d{1,4})?$/;
