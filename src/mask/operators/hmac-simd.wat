;; HMAC-SHA-256 of four values at once, one per 32-bit lane of WebAssembly SIMD (v128 as i32x4),
;; written as lowercase hex. The source of src/mask/operators/hmac-simd-module.ts, assembled by
;; scripts/build-hmac-wasm.mjs (a test checks the two agree); used by ./hmac-simd.ts.
;;
;; Every value is hashed whole in its own lane: a group of four values runs as many compressions as
;; its longest value needs, and a lane whose value has ended keeps its state (a lane mask selects
;; the old state over the new). SHA-256 as in FIPS 180-4; HMAC as in RFC 2104, starting from the
;; key's inner and outer states, which the caller computes once per key and writes at 512 and 544.
;;
;; Memory below 4096 is this module's own:
;;      0  K, the 64 round constants (FIPS 180-4 §4.2.2), one i32 each
;;    256  the 16 hex digits "0123456789abcdef"
;;    512  the inner state (8 i32), 544 the outer state (8 i32): written by the caller
;;   1024  the state of the four lanes: word j of every lane in one v128 at 1024 + 16j
;;   1152  that state as it was before the last compression
;;   1280  the message schedule W[0..64), one v128 (the word of each lane) per W[t]
;;   2304  the four lanes' value start, length and output position (i32 each, at 2304, 2320, 2336)
;;   2352  the number of blocks of each lane's value (i32x4)
;; The caller's rows, output and scratch space start at 4096 (see $hex_rows).
(module
  (memory (export "memory") 1)
  (data (i32.const 0)
    "\98\2f\8a\42\91\44\37\71\cf\fb\c0\b5\a5\db\b5\e9\5b\c2\56\39\f1\11\f1\59\a4\82\3f\92\d5\5e\1c\ab"
    "\98\aa\07\d8\01\5b\83\12\be\85\31\24\c3\7d\0c\55\74\5d\be\72\fe\b1\de\80\a7\06\dc\9b\74\f1\9b\c1"
    "\c1\69\9b\e4\86\47\be\ef\c6\9d\c1\0f\cc\a1\0c\24\6f\2c\e9\2d\aa\84\74\4a\dc\a9\b0\5c\da\88\f9\76"
    "\52\51\3e\98\6d\c6\31\a8\c8\27\03\b0\c7\7f\59\bf\f3\0b\e0\c6\47\91\a7\d5\51\63\ca\06\67\29\29\14"
    "\85\0a\b7\27\38\21\1b\2e\fc\6d\2c\4d\13\0d\38\53\54\73\0a\65\bb\0a\6a\76\2e\c9\c2\81\85\2c\72\92"
    "\a1\e8\bf\a2\4b\66\1a\a8\70\8b\4b\c2\a3\51\6c\c7\19\e8\92\d1\24\06\99\d6\85\35\0e\f4\70\a0\6a\10"
    "\16\c1\a4\19\08\6c\37\1e\4c\77\48\27\b5\bc\b0\34\b3\0c\1c\39\4a\aa\d8\4e\4f\ca\9c\5b\f3\6f\2e\68"
    "\ee\82\8f\74\6f\63\a5\78\14\78\c8\84\08\02\c7\8c\fa\ff\be\90\eb\6c\50\a4\f7\a3\f9\be\f2\78\71\c6")
  (data (i32.const 256) "0123456789abcdef")

  ;; The compression function on the four lanes' blocks, whose words are W[0..16): grows the
  ;; schedule to W[64], runs the 64 rounds, and adds the result into the state.
  (func $compress
    (local $i i32) (local $k i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $e v128) (local $f v128) (local $g v128) (local $h v128)
    (local $t v128) (local $x v128) (local $y v128)
    ;; W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], for $i = 16t from 256 to 1008.
    (local.set $i (i32.const 256))
    (loop $schedule
      (local.set $x (v128.load offset=1040 (local.get $i)))
      (local.set $y (v128.load offset=1248 (local.get $i)))
      (v128.store offset=1280 (local.get $i)
        (i32x4.add
          (i32x4.add (v128.load offset=1024 (local.get $i)) (v128.load offset=1168 (local.get $i)))
          (i32x4.add
            (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25))) (v128.or (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14)))) (i32x4.shr_u (local.get $x) (i32.const 3)))
            (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $y) (i32.const 17)) (i32x4.shl (local.get $y) (i32.const 15))) (v128.or (i32x4.shr_u (local.get $y) (i32.const 19)) (i32x4.shl (local.get $y) (i32.const 13)))) (i32x4.shr_u (local.get $y) (i32.const 10))))))
      (br_if $schedule (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (i32.const 1024))))
    (local.set $a (v128.load offset=1024 (i32.const 0)))
    (local.set $b (v128.load offset=1040 (i32.const 0)))
    (local.set $c (v128.load offset=1056 (i32.const 0)))
    (local.set $d (v128.load offset=1072 (i32.const 0)))
    (local.set $e (v128.load offset=1088 (i32.const 0)))
    (local.set $f (v128.load offset=1104 (i32.const 0)))
    (local.set $g (v128.load offset=1120 (i32.const 0)))
    (local.set $h (v128.load offset=1136 (i32.const 0)))
    ;; Eight rounds a pass ($k = 4t into K, $i = 16t into W): each adds T1 = h + Σ1(e) + Ch(e,f,g)
    ;; + K[t] + W[t] into d (the next e) and, with Σ0(a) + Maj(a,b,c), into h (the next a); the
    ;; variables take each other's roles in turn. Ch is one bitselect, Maj = bitselect(c, a, a ^ b).
    (local.set $i (i32.const 0))
    (local.set $k (i32.const 0))
    (loop $rounds
      ;; round 0: a..h = abcdefgh
      (local.set $t (i32x4.add
        (i32x4.add (local.get $h) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $e) (i32.const 6)) (i32x4.shl (local.get $e) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $e) (i32.const 11)) (i32x4.shl (local.get $e) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $e) (i32.const 25)) (i32x4.shl (local.get $e) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $f) (local.get $g) (local.get $e))
          (i32x4.add (v128.load32_splat offset=0 (local.get $k)) (v128.load offset=1280 (local.get $i))))))
      (local.set $d (i32x4.add (local.get $d) (local.get $t)))
      (local.set $h (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $a) (i32.const 2)) (i32x4.shl (local.get $a) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $a) (i32.const 13)) (i32x4.shl (local.get $a) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $a) (i32.const 22)) (i32x4.shl (local.get $a) (i32.const 10))))
        (v128.bitselect (local.get $c) (local.get $a) (v128.xor (local.get $a) (local.get $b))))))
      ;; round 1: a..h = habcdefg
      (local.set $t (i32x4.add
        (i32x4.add (local.get $g) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $d) (i32.const 6)) (i32x4.shl (local.get $d) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $d) (i32.const 11)) (i32x4.shl (local.get $d) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $d) (i32.const 25)) (i32x4.shl (local.get $d) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $e) (local.get $f) (local.get $d))
          (i32x4.add (v128.load32_splat offset=4 (local.get $k)) (v128.load offset=1296 (local.get $i))))))
      (local.set $c (i32x4.add (local.get $c) (local.get $t)))
      (local.set $g (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $h) (i32.const 2)) (i32x4.shl (local.get $h) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $h) (i32.const 13)) (i32x4.shl (local.get $h) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $h) (i32.const 22)) (i32x4.shl (local.get $h) (i32.const 10))))
        (v128.bitselect (local.get $b) (local.get $h) (v128.xor (local.get $h) (local.get $a))))))
      ;; round 2: a..h = ghabcdef
      (local.set $t (i32x4.add
        (i32x4.add (local.get $f) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $c) (i32.const 6)) (i32x4.shl (local.get $c) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $c) (i32.const 11)) (i32x4.shl (local.get $c) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $c) (i32.const 25)) (i32x4.shl (local.get $c) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $d) (local.get $e) (local.get $c))
          (i32x4.add (v128.load32_splat offset=8 (local.get $k)) (v128.load offset=1312 (local.get $i))))))
      (local.set $b (i32x4.add (local.get $b) (local.get $t)))
      (local.set $f (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $g) (i32.const 2)) (i32x4.shl (local.get $g) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $g) (i32.const 13)) (i32x4.shl (local.get $g) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $g) (i32.const 22)) (i32x4.shl (local.get $g) (i32.const 10))))
        (v128.bitselect (local.get $a) (local.get $g) (v128.xor (local.get $g) (local.get $h))))))
      ;; round 3: a..h = fghabcde
      (local.set $t (i32x4.add
        (i32x4.add (local.get $e) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $b) (i32.const 6)) (i32x4.shl (local.get $b) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $b) (i32.const 11)) (i32x4.shl (local.get $b) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $b) (i32.const 25)) (i32x4.shl (local.get $b) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $c) (local.get $d) (local.get $b))
          (i32x4.add (v128.load32_splat offset=12 (local.get $k)) (v128.load offset=1328 (local.get $i))))))
      (local.set $a (i32x4.add (local.get $a) (local.get $t)))
      (local.set $e (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $f) (i32.const 2)) (i32x4.shl (local.get $f) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $f) (i32.const 13)) (i32x4.shl (local.get $f) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $f) (i32.const 22)) (i32x4.shl (local.get $f) (i32.const 10))))
        (v128.bitselect (local.get $h) (local.get $f) (v128.xor (local.get $f) (local.get $g))))))
      ;; round 4: a..h = efghabcd
      (local.set $t (i32x4.add
        (i32x4.add (local.get $d) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $a) (i32.const 6)) (i32x4.shl (local.get $a) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $a) (i32.const 11)) (i32x4.shl (local.get $a) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $a) (i32.const 25)) (i32x4.shl (local.get $a) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $b) (local.get $c) (local.get $a))
          (i32x4.add (v128.load32_splat offset=16 (local.get $k)) (v128.load offset=1344 (local.get $i))))))
      (local.set $h (i32x4.add (local.get $h) (local.get $t)))
      (local.set $d (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $e) (i32.const 2)) (i32x4.shl (local.get $e) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $e) (i32.const 13)) (i32x4.shl (local.get $e) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $e) (i32.const 22)) (i32x4.shl (local.get $e) (i32.const 10))))
        (v128.bitselect (local.get $g) (local.get $e) (v128.xor (local.get $e) (local.get $f))))))
      ;; round 5: a..h = defghabc
      (local.set $t (i32x4.add
        (i32x4.add (local.get $c) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $h) (i32.const 6)) (i32x4.shl (local.get $h) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $h) (i32.const 11)) (i32x4.shl (local.get $h) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $h) (i32.const 25)) (i32x4.shl (local.get $h) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $a) (local.get $b) (local.get $h))
          (i32x4.add (v128.load32_splat offset=20 (local.get $k)) (v128.load offset=1360 (local.get $i))))))
      (local.set $g (i32x4.add (local.get $g) (local.get $t)))
      (local.set $c (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $d) (i32.const 2)) (i32x4.shl (local.get $d) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $d) (i32.const 13)) (i32x4.shl (local.get $d) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $d) (i32.const 22)) (i32x4.shl (local.get $d) (i32.const 10))))
        (v128.bitselect (local.get $f) (local.get $d) (v128.xor (local.get $d) (local.get $e))))))
      ;; round 6: a..h = cdefghab
      (local.set $t (i32x4.add
        (i32x4.add (local.get $b) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $g) (i32.const 6)) (i32x4.shl (local.get $g) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $g) (i32.const 11)) (i32x4.shl (local.get $g) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $g) (i32.const 25)) (i32x4.shl (local.get $g) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $h) (local.get $a) (local.get $g))
          (i32x4.add (v128.load32_splat offset=24 (local.get $k)) (v128.load offset=1376 (local.get $i))))))
      (local.set $f (i32x4.add (local.get $f) (local.get $t)))
      (local.set $b (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $c) (i32.const 2)) (i32x4.shl (local.get $c) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $c) (i32.const 13)) (i32x4.shl (local.get $c) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $c) (i32.const 22)) (i32x4.shl (local.get $c) (i32.const 10))))
        (v128.bitselect (local.get $e) (local.get $c) (v128.xor (local.get $c) (local.get $d))))))
      ;; round 7: a..h = bcdefgha
      (local.set $t (i32x4.add
        (i32x4.add (local.get $a) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $f) (i32.const 6)) (i32x4.shl (local.get $f) (i32.const 26))) (v128.or (i32x4.shr_u (local.get $f) (i32.const 11)) (i32x4.shl (local.get $f) (i32.const 21)))) (v128.or (i32x4.shr_u (local.get $f) (i32.const 25)) (i32x4.shl (local.get $f) (i32.const 7)))))
        (i32x4.add (v128.bitselect (local.get $g) (local.get $h) (local.get $f))
          (i32x4.add (v128.load32_splat offset=28 (local.get $k)) (v128.load offset=1392 (local.get $i))))))
      (local.set $e (i32x4.add (local.get $e) (local.get $t)))
      (local.set $a (i32x4.add (local.get $t) (i32x4.add
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $b) (i32.const 2)) (i32x4.shl (local.get $b) (i32.const 30))) (v128.or (i32x4.shr_u (local.get $b) (i32.const 13)) (i32x4.shl (local.get $b) (i32.const 19)))) (v128.or (i32x4.shr_u (local.get $b) (i32.const 22)) (i32x4.shl (local.get $b) (i32.const 10))))
        (v128.bitselect (local.get $d) (local.get $b) (v128.xor (local.get $b) (local.get $c))))))
      (local.set $k (i32.add (local.get $k) (i32.const 32)))
      (br_if $rounds (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 128))) (i32.const 1024))))
    (v128.store offset=1024 (i32.const 0) (i32x4.add (v128.load offset=1024 (i32.const 0)) (local.get $a)))
    (v128.store offset=1040 (i32.const 0) (i32x4.add (v128.load offset=1040 (i32.const 0)) (local.get $b)))
    (v128.store offset=1056 (i32.const 0) (i32x4.add (v128.load offset=1056 (i32.const 0)) (local.get $c)))
    (v128.store offset=1072 (i32.const 0) (i32x4.add (v128.load offset=1072 (i32.const 0)) (local.get $d)))
    (v128.store offset=1088 (i32.const 0) (i32x4.add (v128.load offset=1088 (i32.const 0)) (local.get $e)))
    (v128.store offset=1104 (i32.const 0) (i32x4.add (v128.load offset=1104 (i32.const 0)) (local.get $f)))
    (v128.store offset=1120 (i32.const 0) (i32x4.add (v128.load offset=1120 (i32.const 0)) (local.get $g)))
    (v128.store offset=1136 (i32.const 0) (i32x4.add (v128.load offset=1136 (i32.const 0)) (local.get $h))))

  ;; Lane $lane's value as SHA-256 blocks in its scratch space at $to: the bytes, 0x80, zeros, and
  ;; the length in bits of the inner message (the 64 bytes of the padded key, then the value) in
  ;; the last 8 bytes, big-endian. Records the number of blocks.
  (func $pad (param $lane i32) (param $to i32)
    (local $length i32) (local $blocks i32) (local $end i32) (local $bits i64) (local $j i32)
    (local.set $length (i32.load offset=2320 (i32.shl (local.get $lane) (i32.const 2))))
    (local.set $blocks (i32.shr_u (i32.add (local.get $length) (i32.const 72)) (i32.const 6)))
    (i32.store offset=2352 (i32.shl (local.get $lane) (i32.const 2)) (local.get $blocks))
    (memory.copy (local.get $to) (i32.load offset=2304 (i32.shl (local.get $lane) (i32.const 2))) (local.get $length))
    (i32.store8 (i32.add (local.get $to) (local.get $length)) (i32.const 0x80))
    (local.set $end (i32.add (local.get $to) (i32.shl (local.get $blocks) (i32.const 6))))
    (memory.fill (i32.add (i32.add (local.get $to) (local.get $length)) (i32.const 1)) (i32.const 0)
      (i32.sub (i32.sub (i32.sub (local.get $end) (local.get $to)) (local.get $length)) (i32.const 9)))
    (local.set $bits (i64.shl (i64.add (i64.extend_i32_u (local.get $length)) (i64.const 64)) (i64.const 3)))
    (local.set $j (i32.const 1))
    (loop $bytes
      (i64.store8 (i32.sub (local.get $end) (local.get $j)) (local.get $bits))
      (local.set $bits (i64.shr_u (local.get $bits) (i64.const 8)))
      (br_if $bytes (i32.le_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 8)))))

  ;; The 64 hex characters of lane $lane's digest at $to.
  (func $hex (param $lane i32) (param $to i32)
    (local $at i32) (local $half i32) (local $v v128) (local $high v128) (local $low v128)
    (local.set $at (i32.add (i32.const 1024) (i32.shl (local.get $lane) (i32.const 2))))
    (loop $halves
      ;; Words 4·half .. 4·half+3 of this lane, each byte-swapped to big-endian order.
      (local.set $v (v128.load32_zero (local.get $at)))
      (local.set $v (v128.load32_lane offset=16 1 (local.get $at) (local.get $v)))
      (local.set $v (v128.load32_lane offset=32 2 (local.get $at) (local.get $v)))
      (local.set $v (v128.load32_lane offset=48 3 (local.get $at) (local.get $v)))
      (local.set $v (i8x16.shuffle 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12 (local.get $v) (local.get $v)))
      (local.set $high (i8x16.swizzle (v128.load (i32.const 256)) (i8x16.shr_u (local.get $v) (i32.const 4))))
      (local.set $low (i8x16.swizzle (v128.load (i32.const 256)) (v128.and (local.get $v) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))))
      (v128.store (local.get $to) (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 (local.get $high) (local.get $low)))
      (v128.store offset=16 (local.get $to) (i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31 (local.get $high) (local.get $low)))
      (local.set $at (i32.add (local.get $at) (i32.const 64)))
      (local.set $to (i32.add (local.get $to) (i32.const 32)))
      (br_if $halves (i32.lt_u (local.tee $half (i32.add (local.get $half) (i32.const 1))) (i32.const 2)))))

  ;; HMACs of the four lanes' values (their start, length and output position at 2304..2352), the
  ;; first $used of them written out; lane $l pads its value in $scratch + $l·$stride.
  (func $group (param $used i32) (param $scratch i32) (param $stride i32)
    (local $lane i32) (local $blocks i32) (local $block i32) (local $p i32) (local $j i32) (local $v v128) (local $keep v128)
    (local.set $lane (i32.const 0))
    (loop $lanes
      (call $pad (local.get $lane) (i32.add (local.get $scratch) (i32.mul (local.get $lane) (local.get $stride))))
      (local.set $blocks (select (local.get $blocks) (i32.load offset=2352 (i32.shl (local.get $lane) (i32.const 2)))
        (i32.gt_u (local.get $blocks) (i32.load offset=2352 (i32.shl (local.get $lane) (i32.const 2))))))
      (br_if $lanes (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 1))) (i32.const 4))))
    ;; The inner hash starts from the key's inner state in every lane.
    (v128.store offset=1024 (i32.const 0) (v128.load32_splat offset=512 (i32.const 0)))
    (v128.store offset=1040 (i32.const 0) (v128.load32_splat offset=512 (i32.const 4)))
    (v128.store offset=1056 (i32.const 0) (v128.load32_splat offset=512 (i32.const 8)))
    (v128.store offset=1072 (i32.const 0) (v128.load32_splat offset=512 (i32.const 12)))
    (v128.store offset=1088 (i32.const 0) (v128.load32_splat offset=512 (i32.const 16)))
    (v128.store offset=1104 (i32.const 0) (v128.load32_splat offset=512 (i32.const 20)))
    (v128.store offset=1120 (i32.const 0) (v128.load32_splat offset=512 (i32.const 24)))
    (v128.store offset=1136 (i32.const 0) (v128.load32_splat offset=512 (i32.const 28)))
    (loop $blocks
      ;; W[j] of lane l is the big-endian word at $scratch + l·$stride + 64·block + 4j.
      (local.set $p (i32.add (local.get $scratch) (i32.shl (local.get $block) (i32.const 6))))
      (local.set $j (i32.const 0))
      (loop $words
        (local.set $v (v128.load32_zero (local.get $p)))
        (local.set $v (v128.load32_lane 1 (i32.add (local.get $p) (local.get $stride)) (local.get $v)))
        (local.set $v (v128.load32_lane 2 (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))) (local.get $v)))
        (local.set $v (v128.load32_lane 3 (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))) (local.get $v)))
        (v128.store offset=1280 (local.get $j) (i8x16.shuffle 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12 (local.get $v) (local.get $v)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $words (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (i32.const 256))))
      (memory.copy (i32.const 1152) (i32.const 1024) (i32.const 128))
      (call $compress)
      ;; Lanes whose value has no block this time keep the state they had.
      (local.set $keep (i32x4.gt_s (v128.load (i32.const 2352)) (i32x4.splat (local.get $block))))
      (local.set $j (i32.const 0))
      (loop $select
        (v128.store offset=1024 (local.get $j)
          (v128.bitselect (v128.load offset=1024 (local.get $j)) (v128.load offset=1152 (local.get $j)) (local.get $keep)))
        (br_if $select (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (i32.const 128))))
      (br_if $blocks (i32.lt_u (local.tee $block (i32.add (local.get $block) (i32.const 1))) (local.get $blocks))))
    ;; The outer hash: the inner digest (32 bytes after the 64 of the padded key), padded, in one block.
    (memory.copy (i32.const 1280) (i32.const 1024) (i32.const 128))
    (v128.store offset=1408 (i32.const 0) (i32x4.splat (i32.const 0x80000000)))
    (memory.fill (i32.const 1424) (i32.const 0) (i32.const 96))
    (v128.store offset=1520 (i32.const 0) (i32x4.splat (i32.const 768)))
    (v128.store offset=1024 (i32.const 0) (v128.load32_splat offset=544 (i32.const 0)))
    (v128.store offset=1040 (i32.const 0) (v128.load32_splat offset=544 (i32.const 4)))
    (v128.store offset=1056 (i32.const 0) (v128.load32_splat offset=544 (i32.const 8)))
    (v128.store offset=1072 (i32.const 0) (v128.load32_splat offset=544 (i32.const 12)))
    (v128.store offset=1088 (i32.const 0) (v128.load32_splat offset=544 (i32.const 16)))
    (v128.store offset=1104 (i32.const 0) (v128.load32_splat offset=544 (i32.const 20)))
    (v128.store offset=1120 (i32.const 0) (v128.load32_splat offset=544 (i32.const 24)))
    (v128.store offset=1136 (i32.const 0) (v128.load32_splat offset=544 (i32.const 28)))
    (call $compress)
    (local.set $lane (i32.const 0))
    (loop $out
      (if (i32.lt_u (local.get $lane) (local.get $used))
        (then (call $hex (local.get $lane) (i32.load offset=2336 (i32.shl (local.get $lane) (i32.const 2))))))
      (br_if $out (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 1))) (i32.const 4)))))

  ;; The hex HMAC of every valid row of a string column, 64 bytes per valid row from $out on: row
  ;; i is the bytes at $values + from[i] .. $values + from[i + 1] ($from: n + 1 i32), valid when
  ;; $valid is 0 or its byte i is 1. $scratch holds 4 · $stride bytes, $stride a multiple of 64
  ;; of at least the longest value plus 9.
  (func (export "hex_rows") (param $values i32) (param $from i32) (param $valid i32) (param $n i32)
    (param $out i32) (param $scratch i32) (param $stride i32)
    (local $row i32) (local $used i32) (local $at i32)
    (loop $groups
      (local.set $used (i32.const 0))
      (block $full
        (loop $gather
          (br_if $full (i32.ge_u (local.get $row) (local.get $n)))
          (if (i32.or (i32.eqz (local.get $valid)) (i32.eq (i32.load8_u (i32.add (local.get $valid) (local.get $row))) (i32.const 1)))
            (then
              (local.set $at (i32.shl (local.get $used) (i32.const 2)))
              (i32.store offset=2304 (local.get $at)
                (i32.add (local.get $values) (i32.load (i32.add (local.get $from) (i32.shl (local.get $row) (i32.const 2))))))
              (i32.store offset=2320 (local.get $at)
                (i32.sub (i32.load offset=4 (i32.add (local.get $from) (i32.shl (local.get $row) (i32.const 2))))
                  (i32.load (i32.add (local.get $from) (i32.shl (local.get $row) (i32.const 2))))))
              (i32.store offset=2336 (local.get $at) (local.get $out))
              (local.set $out (i32.add (local.get $out) (i32.const 64)))
              (local.set $used (i32.add (local.get $used) (i32.const 1)))))
          (local.set $row (i32.add (local.get $row) (i32.const 1)))
          (br_if $gather (i32.lt_u (local.get $used) (i32.const 4)))))
      (if (i32.eqz (local.get $used)) (then (return)))
      ;; Lanes left over at the end hash an empty value that is never written.
      (local.set $at (local.get $used))
      (block $filled
        (loop $fill
          (br_if $filled (i32.ge_u (local.get $at) (i32.const 4)))
          (i32.store offset=2320 (i32.shl (local.get $at) (i32.const 2)) (i32.const 0))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))
          (br $fill)))
      (call $group (local.get $used) (local.get $scratch) (local.get $stride))
      (br_if $groups (i32.lt_u (local.get $row) (local.get $n))))))
