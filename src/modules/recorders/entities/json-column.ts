/** A JSON value in a text column (null stays null). */
export const jsonColumn = {
  to: (value: unknown) => (value == null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value ? JSON.parse(value) : null),
};
