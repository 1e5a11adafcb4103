# Sourced by the scripts that start our programs (dev.sh, run-entry.sh): sets env_file_args to the Node option that
# reads the settings file, .env unless JOBTASK_ENV_FILE names another, or to nothing when there is no file (Node's
# --env-file-if-exists would say so on every start). Node reads it, not the shell: values are literal
# (API_KEYS=key=domain-a|domain-b is one value, not a pipeline) and a variable already in the environment wins over
# the file (API_PORT=4000 npm start). A file named but missing is an error, not a silent run on the defaults.
env_file=${JOBTASK_ENV_FILE:-.env}
if [ -n "${JOBTASK_ENV_FILE:-}" ] && [ ! -f "$env_file" ]; then
  echo "ERROR: JOBTASK_ENV_FILE names $env_file, which does not exist" >&2
  exit 2
fi
env_file_args=()
if [ -f "$env_file" ]; then env_file_args=(--env-file="$env_file"); fi
