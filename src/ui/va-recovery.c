/* va-recovery.c — crash safety: each window's recovery copy
 *
 * While a window has unsaved changes, its VaRecovery writes a copy of the bot a few seconds
 * after a change (the `autosave-interval` setting, or VA_AUTOSAVE_INTERVAL) into
 * $XDG_STATE_HOME/virtual-agent/recovery/: `<id>.vabot` (the bot, in the file format),
 * `<id>.json` (the original file's URI, the bot's name, the time) and `<id>.lock`. Saving the
 * bot, or closing the window once the user answered the save prompt, removes them; a crash
 * leaves them behind, and va-recovery-offer.c offers them back at the next start.
 *
 * Whoever writes a copy holds an flock(2) on its `<id>.lock` for as long as it lives. At
 * startup a copy whose lock can be taken belongs to nobody alive, so it is offered for
 * recovery; a copy of a live window (of this or another instance: a --screenshot run, another
 * session) never is, and the kernel drops a killed process's locks by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _DEFAULT_SOURCE /* flock () and O_CLOEXEC under -std=c11 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#ifdef G_OS_UNIX
#include <sys/file.h>
#include <unistd.h>
#endif

#include "va-format.h"
#include "va-recovery-private.h"

#define MAX_INTERVAL (24 * 60 * 60)
/* Serializing runs on the main thread (about 330 ms for 20,000 nodes): a due copy waits for
 * this long a pause in the editing, for at most one more interval.
 */
#define PAUSE_MS 1500

struct _VaRecovery
{
  GObject       parent_instance;

  VaBot        *bot;
  GSettings    *settings;
  GFile        *file;        /* the bot's own file, for the sidecar */
  char         *id;
  int           lock_fd;     /* -1 while this process holds no lock on the id */
  guint         interval;    /* seconds; 0 turns autosave off */
  guint         timeout_id;
  gint64        first_change; /* monotonic, of the changes not in the copy yet */
  gint64        last_change;
  GCancellable *cancellable;

  guint         modified : 1; /* the bot differs from its file */
  guint         dirty : 1;    /* changed since the last copy */
  guint         writing : 1;
  guint         written : 1;  /* a copy may be on disk */
  guint         stale : 1;    /* discarded during a write: remove its files when it ends */
};

G_DEFINE_FINAL_TYPE (VaRecovery, va_recovery, G_TYPE_OBJECT)

/* {{{ Files */

/**
 * va_recovery_get_dir:
 *
 * Returns: (transfer full): the folder that holds the recovery copies
 */
char *
va_recovery_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "virtual-agent", "recovery", NULL);
}

char *
va_recovery_path_for (const char *id,
          const char *suffix)
{
  g_autofree char *dir = va_recovery_get_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

/* Our ids are UUIDs; anything else in the folder is not ours to touch. */
gboolean
va_recovery_is_valid_id (const char *id)
{
  if (id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Returns the locked descriptor, or -1; *held_elsewhere says whether a live process has it. */
int
va_recovery_take_lock (const char *id,
           gboolean   *held_elsewhere)
{
  if (held_elsewhere != NULL)
    *held_elsewhere = FALSE;
#ifdef G_OS_UNIX
  {
    g_autofree char *path = va_recovery_path_for (id, ".lock");
    int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

    if (fd < 0)
      return -1;
    if (flock (fd, LOCK_EX | LOCK_NB) < 0)
      {
        int saved_errno = errno;

        close (fd);
        if (held_elsewhere != NULL)
          *held_elsewhere = saved_errno == EWOULDBLOCK;
        return -1;
      }
    return fd;
  }
#else
  return -1;
#endif
}

void
va_recovery_release_lock (int *fd)
{
#ifdef G_OS_UNIX
  if (*fd >= 0)
    close (*fd);
#endif
  *fd = -1;
}

/* The bot goes first: a copy without its sidecar is still offered, the reverse is not. */
void
va_recovery_remove_files (const char *id)
{
  static const char *suffixes[] = { ".vabot", ".json", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = va_recovery_path_for (id, suffixes[i]);

      if (g_unlink (path) < 0 && errno != ENOENT)
        g_message ("Could not remove the recovery file %s: %s", path, g_strerror (errno));
    }
}

static gboolean
ensure_dir (GError **error)
{
  g_autofree char *dir = va_recovery_get_dir ();

  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* }}} */
/* {{{ Writing the copy */

static void schedule (VaRecovery *self);

static GBytes *
build_sidecar (VaRecovery *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autofree char *uri = self->file != NULL ? g_file_get_uri (self->file) : NULL;
  const char *name = va_bot_get_name (self->bot);
  gsize length;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "virtual-agent-recovery");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "uri");
  if (uri != NULL)
    json_builder_add_string_value (builder, uri);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name != NULL ? name : "");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static void
write_finished (VaRecovery   *self,
                const GError *error)
{
  self->writing = FALSE;

  if (error == NULL)
    self->written = TRUE;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_message ("Could not write the recovery copy: %s", error->message);
      self->dirty = TRUE;
    }

  if (self->stale)
    {
      self->stale = FALSE;
      self->written = FALSE;
      va_recovery_remove_files (self->id);
      va_recovery_release_lock (&self->lock_fd);
    }
  if (self->dirty && self->modified)
    schedule (self);
}

typedef struct
{
  char   *bot_path;
  char   *sidecar_path;
  GBytes *bot;
  GBytes *sidecar;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->bot_path);
  g_free (job->sidecar_path);
  g_bytes_unref (job->bot);
  g_bytes_unref (job->sidecar);
  g_free (job);
}

static gboolean
write_bytes (const char  *path,
             GBytes      *bytes,
             GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* Each file goes to a temporary file that is synced, then renamed over the old one: a crash
 * at any moment leaves the previous copy or the new one, whole, even the first time.
 */
static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!write_bytes (job->bot_path, job->bot, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!write_bytes (job->sidecar_path, job->sidecar, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
copy_written (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  write_finished (VA_RECOVERY (source), error);
}

/* Only the serialization runs here, since the model belongs to the main thread; the files
 * are written (and synced) by a worker thread.
 */
static void
write_copy (VaRecovery *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  WriteJob *job;
  gsize length;
  char *data;

  if (self->writing)
    return;
  if (!ensure_dir (&error))
    {
      g_message ("Could not write the recovery copy: %s", error->message);
      return;
    }
  if (self->lock_fd < 0)
    self->lock_fd = va_recovery_take_lock (self->id, NULL);

  data = va_format_save_data (self->bot, &length);
  job = g_new0 (WriteJob, 1);
  job->bot = g_bytes_new_take (data, length);
  job->sidecar = build_sidecar (self);
  job->bot_path = va_recovery_path_for (self->id, ".vabot");
  job->sidecar_path = va_recovery_path_for (self->id, ".json");
  self->dirty = FALSE;
  self->writing = TRUE;

  /* The task keeps self alive until the write ended, and its callback runs only then, so a
   * copy discarded meanwhile is removed after it was written, not before.
   */
  task = g_task_new (self, self->cancellable, copy_written, NULL);
  g_task_set_source_tag (task, write_copy);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_in_thread);
}

static gboolean
autosave_due (gpointer user_data)
{
  VaRecovery *self = user_data;
  gint64 now = g_get_monotonic_time ();

  self->timeout_id = 0;
  if (!self->dirty || !self->modified)
    return G_SOURCE_REMOVE;
  if (now - self->last_change < PAUSE_MS * G_TIME_SPAN_MILLISECOND &&
      now - self->first_change < 2 * (gint64) self->interval * G_TIME_SPAN_SECOND)
    {
      self->timeout_id = g_timeout_add (PAUSE_MS / 3, autosave_due, self);
      return G_SOURCE_REMOVE;
    }
  write_copy (self);
  return G_SOURCE_REMOVE;
}

/* One timer per window, armed by the first change after a copy: a window nobody edits
 * never wakes up, and a copy is at most one interval behind the bot.
 */
static void
schedule (VaRecovery *self)
{
  if (self->timeout_id != 0 || self->interval == 0 || self->writing)
    return;
  self->timeout_id = g_timeout_add_seconds (self->interval, autosave_due, self);
}

/* }}} */
/* {{{ GObject and API */

static guint
configured_interval (GSettings *settings)
{
  const char *env = g_getenv ("VA_AUTOSAVE_INTERVAL");
  g_autoptr(GSettingsSchema) schema = NULL;
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, MAX_INTERVAL, &value, NULL))
    return (guint) value;
  if (settings != NULL)
    {
      g_object_get (settings, "settings-schema", &schema, NULL);
      if (schema != NULL && g_settings_schema_has_key (schema, "autosave-interval"))
        return g_settings_get_uint (settings, "autosave-interval");
    }
  return VA_RECOVERY_DEFAULT_INTERVAL;
}

static void
interval_changed (VaRecovery *self)
{
  va_recovery_set_interval (self, configured_interval (self->settings));
}

static void
va_recovery_dispose (GObject *object)
{
  VaRecovery *self = VA_RECOVERY (object);

  /* A write in flight holds a reference and completes: the copy stays for the next start. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (va_recovery_parent_class)->dispose (object);
}

static void
va_recovery_finalize (GObject *object)
{
  VaRecovery *self = VA_RECOVERY (object);

  va_recovery_release_lock (&self->lock_fd);
  g_clear_object (&self->bot);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (va_recovery_parent_class)->finalize (object);
}

static void
va_recovery_class_init (VaRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = va_recovery_dispose;
  object_class->finalize = va_recovery_finalize;
}

static void
va_recovery_init (VaRecovery *self)
{
  self->id = g_uuid_string_random ();
  self->lock_fd = -1;
  self->cancellable = g_cancellable_new ();
}

/**
 * va_recovery_new:
 * @bot: the bot to keep a copy of
 * @settings: (nullable): the app's settings, for the interval
 *
 * Returns: (transfer full): a recovery copy, not written until the bot is modified and changes
 */
VaRecovery *
va_recovery_new (VaBot     *bot,
                 GSettings *settings)
{
  VaRecovery *self;

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VA_TYPE_RECOVERY, NULL);
  self->bot = g_object_ref (bot);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_swapped (settings, "changed::autosave-interval",
                                G_CALLBACK (interval_changed), self);
    }
  self->interval = configured_interval (settings);
  return self;
}

/**
 * va_recovery_adopt:
 * @self: a recovery copy that wrote nothing yet
 * @id: the id of a copy left by a crashed run
 * @lock_fd: its lock, held; @self takes it
 *
 * Takes over that copy for the window that restored it: the window keeps it until the bot is
 * saved, so a second crash loses nothing either.
 */
void
va_recovery_adopt (VaRecovery *self,
                   const char *id,
                   int         lock_fd)
{
  g_return_if_fail (!self->writing && !self->written);

  g_free (self->id);
  self->id = g_strdup (id);
  va_recovery_release_lock (&self->lock_fd);
  self->lock_fd = lock_fd;
  self->written = TRUE;
  self->dirty = FALSE;
  self->modified = TRUE;
}

const char *
va_recovery_get_id (VaRecovery *self)
{
  g_return_val_if_fail (VA_IS_RECOVERY (self), NULL);

  return self->id;
}

guint
va_recovery_get_interval (VaRecovery *self)
{
  g_return_val_if_fail (VA_IS_RECOVERY (self), 0);

  return self->interval;
}

/**
 * va_recovery_set_interval:
 * @self: a recovery copy
 * @seconds: how long after a change the copy is written; 0 turns autosave off
 */
void
va_recovery_set_interval (VaRecovery *self,
                          guint       seconds)
{
  g_return_if_fail (VA_IS_RECOVERY (self));

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->dirty && self->modified)
    schedule (self);
}

/**
 * va_recovery_set_file:
 * @self: a recovery copy
 * @file: (nullable): the file the bot is saved in, which a restored copy goes back to
 */
void
va_recovery_set_file (VaRecovery *self,
                      GFile      *file)
{
  g_return_if_fail (VA_IS_RECOVERY (self));

  g_set_object (&self->file, file);
}

/**
 * va_recovery_set_modified:
 * @self: a recovery copy
 * @modified: whether the bot differs from its file
 *
 * An unmodified bot needs no copy: its copy is removed.
 */
void
va_recovery_set_modified (VaRecovery *self,
                          gboolean    modified)
{
  g_return_if_fail (VA_IS_RECOVERY (self));

  self->modified = !!modified;
  if (!modified)
    {
      if (self->written || self->writing || self->timeout_id != 0)
        va_recovery_discard (self);
      self->dirty = FALSE;
    }
  else if (self->dirty)
    schedule (self);
}

/**
 * va_recovery_changed:
 * @self: a recovery copy
 *
 * Tells that the bot changed: a modified bot's copy is written within the interval.
 */
void
va_recovery_changed (VaRecovery *self)
{
  g_return_if_fail (VA_IS_RECOVERY (self));

  if (!self->modified)
    return;
  self->last_change = g_get_monotonic_time ();
  if (!self->dirty)
    self->first_change = self->last_change;
  self->dirty = TRUE;
  schedule (self);
}

/**
 * va_recovery_is_busy:
 * @self: a recovery copy
 *
 * Returns: whether a copy is due or being written
 */
gboolean
va_recovery_is_busy (VaRecovery *self)
{
  g_return_val_if_fail (VA_IS_RECOVERY (self), FALSE);

  return self->writing || self->timeout_id != 0;
}

/**
 * va_recovery_discard:
 * @self: a recovery copy
 *
 * Removes the copy, once the bot is saved or the user chose to close it. A write in flight
 * is cancelled, and its files removed when it ends.
 */
void
va_recovery_discard (VaRecovery *self)
{
  g_return_if_fail (VA_IS_RECOVERY (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->dirty = FALSE;
  if (self->writing)
    {
      self->stale = TRUE;
      g_cancellable_cancel (self->cancellable);
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  if (self->written || self->stale || self->lock_fd >= 0)
    va_recovery_remove_files (self->id);
  self->written = FALSE;
  if (!self->writing)
    va_recovery_release_lock (&self->lock_fd);
}

/* }}} */
