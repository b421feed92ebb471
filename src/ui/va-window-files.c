/* va-window-files.c — saving, "Save As", the unsaved-changes prompt and recent files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-file-dialog.h"
#include "va-format.h"
#include "va-window-private.h"

#define MAX_RECENT 6

void
va_window_add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .mime_type = (char *) "application/x-virtual-agent-bot",
    .app_name = (char *) "Virtual Agent",
    .app_exec = (char *) "virtual-agent %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

/* The main menu's "Open Recent": the bots this app opened or saved last, newest first. */
void
va_window_update_recent (VaWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL; l = l->next)
    if (gtk_recent_info_has_application (l->data, "Virtual Agent") &&
        g_str_has_suffix (gtk_recent_info_get_uri (l->data), ".vabot"))
      g_ptr_array_add (mine, l->data);
  g_ptr_array_sort (mine, newest_first);
  for (guint i = 0; i < mine->len && n < MAX_RECENT; i++, n++)
    {
      GtkRecentInfo *info = g_ptr_array_index (mine, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target (item, "app.open-uri", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Bots"), "app.no-recent");

      g_menu_append_item (self->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* {{{ Saving */

static gboolean
save_to (VaWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  va_history_seal (self->history);
  if (!va_format_save_file (self->bot, file, NULL, &error))
    {
      va_window_show_error (self, _("Could Not Save the Bot"), error->message);
      return FALSE;
    }
  /* A restored bot is in a file of its own now: nothing is left to recover. */
  self->recovered = FALSE;
  va_history_mark_saved (self->history);
  va_window_set_file (self, file);
  if (self->recovery != NULL)
    va_recovery_discard (self->recovery);
  va_window_add_recent (file);

  name = g_file_get_basename (file);
  title = g_strdup_printf (_("Saved as “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  return TRUE;
}

static void
save_as_chosen (GFile    *file,
                gpointer  user_data)
{
  g_autoptr(VaWindow) self = user_data;

  if (file == NULL)
    {
      self->close_confirmed = FALSE;
      return;
    }
  if (save_to (self, file) && self->close_confirmed)
    gtk_window_close (GTK_WINDOW (self));
  self->close_confirmed = FALSE;
}

/**
 * va_window_save:
 * @self: a window
 * @save_as: ask where even when the bot has a file
 *
 * Saves the bot (atomically, keeping a backup of the previous file); asks where first when it
 * has no file yet.
 */
void
va_window_save (VaWindow *self,
                gboolean  save_as)
{
  g_autofree char *suggested = NULL;

  if (self->file != NULL && !save_as)
    {
      if (save_to (self, self->file) && self->close_confirmed)
        gtk_window_close (GTK_WINDOW (self));
      /* A failed save keeps the window, and the next close asks again. */
      self->close_confirmed = FALSE;
      return;
    }
  suggested = g_strdup_printf ("%s.vabot", va_bot_get_name (self->bot) != NULL &&
                                           va_bot_get_name (self->bot)[0] != '\0'
                                           ? va_bot_get_name (self->bot) : _("Untitled Bot"));
  va_file_dialog_save (GTK_WINDOW (self), suggested, self->file, save_as_chosen, g_object_ref (self));
}

/* }}} */
/* {{{ Closing */

static gboolean
save_and_close (gpointer user_data)
{
  va_window_save (VA_WINDOW (user_data), FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
close_now (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Acts once the dialog is gone: destroying its parent while it emits the response leaves it
 * pointing at a finalized window.
 */
static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                VaWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_now, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, save_and_close, g_object_ref (self), g_object_unref);
    }
}

/**
 * va_window_confirm_close:
 * @self: a window
 *
 * Returns: %TRUE when the window may close now; otherwise it asks whether to save the changes
 *   and closes once that is answered
 */
gboolean
va_window_confirm_close (VaWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  const char *name = va_bot_get_name (self->bot);

  if (self->close_confirmed || !va_window_get_modified (self))
    return TRUE;

  heading = g_strdup_printf (_("Save Changes to “%s”?"),
                             name != NULL && name[0] != '\0' ? name : _("Untitled Bot"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The bot has changes that are not saved. If you close "
                                     "without saving, they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* }}} */
