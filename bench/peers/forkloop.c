/* The machine's own limit for w2: PROCS processes (one per core), each in a tight loop of
 * posix_spawn("/bin/true") + waitpid, TASKS executions in all. No scheduler, no network, no bookkeeping:
 * what a task system that runs /bin/true could reach at best on this machine.
 *
 *   forkloop [--tasks N] [--procs P] [--reps R]
 *
 * Prints one JSON line per repetition on stdout, in the bench/ JSON-lines contract (workload w2, system
 * machine). glibc's posix_spawn uses clone(CLONE_VM | CLONE_VFORK), so the parent's memory is not copied.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int run_true(long n) {
    char *argv[] = {"/bin/true", NULL};
    for (long i = 0; i < n; i++) {
        pid_t pid;
        int status, rc = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
        if (rc != 0) {
            fprintf(stderr, "forkloop: posix_spawn: %s\n", strerror(rc));
            return 1;
        }
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "forkloop: /bin/true did not exit 0\n");
            return 1;
        }
    }
    return 0;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* One repetition: fork `procs` loopers sharing `tasks` executions; the wall time until the last is done. */
static int repetition(long tasks, int procs, double *seconds) {
    double t0 = now();
    for (int k = 0; k < procs; k++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("forkloop: fork");
            return 1;
        }
        if (pid == 0)
            _exit(run_true(tasks / procs + (k < tasks % procs)));
    }
    int failed = 0, status;
    for (int k = 0; k < procs; k++)
        if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 1;
    *seconds = now() - t0;
    return failed;
}

int main(int argc, char **argv) {
    long tasks = 10000;
    int procs = 2, reps = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--tasks")) tasks = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--procs")) procs = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--reps")) reps = atoi(argv[i + 1]);
        else {
            fprintf(stderr, "usage: forkloop [--tasks N] [--procs P] [--reps R]\n");
            return 2;
        }
    }
    if (tasks < 1 || procs < 1 || reps < 1) {
        fprintf(stderr, "forkloop: --tasks, --procs and --reps must be positive\n");
        return 2;
    }
    for (int rep = 0; rep < reps; rep++) {
        double s;
        if (repetition(tasks, procs, &s) != 0)
            return 1;
        printf("{\"workload\": \"w2\", \"system\": \"machine\", \"rep\": %d, \"metrics\": {\"tasks\": %ld, "
               "\"seconds\": %.4f, \"tasks_per_s\": %.1f, \"procs\": %d}}\n", rep, tasks, s, tasks / s, procs);
        fflush(stdout);
    }
    return 0;
}
