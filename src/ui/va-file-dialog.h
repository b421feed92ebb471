/* va-file-dialog.h — open and save dialogs for .vabot files, portal-friendly on every GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the chosen file, or NULL when the user cancelled. */
typedef void (*VaFileDialogCallback) (GFile    *file,
                                      gpointer  user_data);

void va_file_dialog_open (GtkWindow            *parent,
                          VaFileDialogCallback  callback,
                          gpointer              user_data);
void va_file_dialog_save (GtkWindow            *parent,
                          const char           *suggested_name,
                          GFile                *current,
                          VaFileDialogCallback  callback,
                          gpointer              user_data);

G_END_DECLS
