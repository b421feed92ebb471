/* va-response-mapping.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_RESPONSE_MAPPING (va_response_mapping_get_type ())
G_DECLARE_FINAL_TYPE (VaResponseMapping, va_response_mapping, VA, RESPONSE_MAPPING, GObject)

VaResponseMapping *va_response_mapping_new (void);
const char *va_response_mapping_get_path (VaResponseMapping *self);
void va_response_mapping_set_path (VaResponseMapping *self, const char *path);
const char *va_response_mapping_get_variable (VaResponseMapping *self);
void va_response_mapping_set_variable (VaResponseMapping *self, const char *variable);

G_END_DECLS
