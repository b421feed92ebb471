/* va-window-private.h
 *
 * What the UI tests reach into: the real widgets, so that a test drives
 * them as a user would and checks the model afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-window.h"

G_BEGIN_DECLS

GtkListView *va_window_get_custom_list (VaWindow *self);
GtkListView *va_window_get_system_list (VaWindow *self);
VaTopic     *va_window_get_selected_topic (VaWindow *self);
AdwStatusPage *va_window_get_topic_page (VaWindow *self);

G_END_DECLS
