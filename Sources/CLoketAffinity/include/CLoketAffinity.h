#ifndef C_LOKET_AFFINITY_H
#define C_LOKET_AFFINITY_H

/// Writes the ids of the CPUs this process may run on (its affinity mask) into `cpus`, at most `capacity` of them,
/// in ascending order; returns how many, or -1 when the mask cannot be read.
int loket_allowed_cpus(int *cpus, int capacity);

/// The CPU for the `index`-th thread of a set spread over the allowed CPUs one each (round robin when there are
/// more threads than CPUs); -1 when the mask cannot be read.
int loket_cpu_for_thread(int index);

/// Pins the calling thread to CPU `cpu`; returns 0, or an errno value.
int loket_pin_current_thread(int cpu);

#endif
