#!/usr/bin/env bash
# A dcsim sweep as a Slurm job array: task K of N runs `dcsim sweep --shard K/N` on the cores of its
# node; a job that depends on the whole array then merges the shards into one file.
#
#   scripts/slurm_sweep.sh SWEEP.yaml OUT_PREFIX [N_TASKS]     # on the login node: submits both jobs
#
# writes OUT_PREFIX.shard-K-of-N.h5 per task and OUT_PREFIX.h5 at the end. A task that is preempted
# or requeued continues its shard (--resume keeps the cases it finished). A task whose shard has
# failed cases (exit status 3) still counts as done: the failures are rows of the table.
# Environment: DCSIM (the program; default build/dcsim), SBATCH_ARGS (extra sbatch options, e.g.
# "--partition=short --account=proj"). Adjust the #SBATCH lines below to the cluster.
#
#SBATCH --job-name=dcsim-sweep
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=dcsim-sweep-%A_%a.log
set -euo pipefail

sweep=${1:?usage: slurm_sweep.sh SWEEP.yaml OUT_PREFIX [N_TASKS]}
prefix=${2:?usage: slurm_sweep.sh SWEEP.yaml OUT_PREFIX [N_TASKS]}
dcsim=${DCSIM:-build/dcsim}

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # Login node: check every case before anything is queued, then submit the array and the merge.
  tasks=${3:-8}
  "$dcsim" validate "$sweep"
  # shellcheck disable=SC2086
  array=$(sbatch --parsable ${SBATCH_ARGS:-} --array="1-$tasks" --export=ALL,DCSIM="$dcsim" "$0" "$sweep" "$prefix")
  shards=()
  for k in $(seq 1 "$tasks"); do shards+=("$prefix.shard-$k-of-$tasks.h5"); done
  # shellcheck disable=SC2086
  merge=$(sbatch --parsable ${SBATCH_ARGS:-} --job-name=dcsim-merge --cpus-per-task=1 --time=01:00:00 \
    --dependency="afterok:$array" --output="dcsim-merge-%j.log" \
    --wrap="$(printf '%q ' "$dcsim" merge "${shards[@]}" -o "$prefix.h5")")
  echo "submitted array job $array ($tasks shards) and merge job $merge -> $prefix.h5"
  exit 0
fi

# Array task: shard K of N (K counts from 1 whatever the array's first index).
n=${SLURM_ARRAY_TASK_COUNT:?not an array job}
k=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
status=0
"$dcsim" sweep "$sweep" -o "$prefix.shard-$k-of-$n.h5" --shard "$k/$n" -j "${SLURM_CPUS_PER_TASK:-1}" --resume || status=$?
if [ "$status" -eq 3 ]; then
  echo "shard $k/$n: some cases failed; they are recorded in the table"
  status=0
fi
exit "$status"
