/* va-test-ui.h — what the tests under Xvfb share: a display, frames, screenshots, widgets
 *
 * With va-test-util.h, which they share with the headless tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "va-test-util.h"

G_BEGIN_DECLS

gboolean   va_test_ui_has_display       (void);
gboolean   va_test_ui_init              (int          *argc,
                                         char       ***argv);
void       va_test_wait_for_draw        (GtkWidget    *widget);
void       va_test_save_screenshot      (GtkWidget    *widget,
                                         const char   *name);
void       va_test_save_screenshot_full (GtkWidget    *widget,
                                         const char   *name,
                                         guint         n_frames);

GPtrArray *va_test_collect_widgets      (GtkWidget    *root,
                                         GType         type);
GtkWidget *va_test_find_widget          (GtkWidget    *root,
                                         GType         type,
                                         const char   *name);
GPtrArray *va_test_shown_labels         (GtkWidget    *root);
GtkWindow *va_test_find_message_dialog  (void);
void       va_test_click                (gpointer      button);

G_END_DECLS
