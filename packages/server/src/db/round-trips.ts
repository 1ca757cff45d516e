/**
 * Statements sent to the database by this process, transaction control included: each is a
 * round trip (a system call each way). Benches read it (bench/action.bench.ts); nothing else does.
 */
export const roundTrips = { count: 0 };
