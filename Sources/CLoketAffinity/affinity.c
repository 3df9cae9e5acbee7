// Linux's CPU affinity calls are GNU extensions, which Swift's Glibc module does not show.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "CLoketAffinity.h"

int loket_allowed_cpus(int *cpus, int capacity) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        return -1;
    }
    int count = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && count < capacity; cpu++) {
        if (CPU_ISSET(cpu, &set)) {
            cpus[count++] = cpu;
        }
    }
    return count;
}

int loket_cpu_for_thread(int index) {
    int cpus[CPU_SETSIZE];
    int count = loket_allowed_cpus(cpus, CPU_SETSIZE);
    if (count <= 0 || index < 0) {
        return -1;
    }
    return cpus[index % count];
}

int loket_pin_current_thread(int cpu) {
    if (cpu < 0 || cpu >= CPU_SETSIZE) {
        return EINVAL;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}
