#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the processor to start loading the cache line holding `address` for reading, without waiting for it.
/// The ranking loops use it for what they read per document a few steps ahead (a candidate's id, the forward
/// lists of a pool being scored): those loads go to memory scattered over the whole index, and issuing them early
/// lets them overlap instead of stalling.
static inline __attribute__((always_inline)) void cm_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
