#!/usr/bin/env node
import '../dist/fairaudit.mjs';
