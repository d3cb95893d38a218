#!/usr/bin/env node
import { runAsProcess } from '../dist/fairaudit.mjs';

runAsProcess();
