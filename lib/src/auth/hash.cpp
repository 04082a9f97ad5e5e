#include "hash.hpp"

#include <array>
#include <cstdint>

namespace httpxx::detail {

namespace {

constexpr char kHex[] = "0123456789abcdef";

template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& bytes) {
  std::string out;
  out.reserve(2 * N);
  for (std::uint8_t b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

template <class Word>
constexpr Word rotl(Word x, int n) {
  return static_cast<Word>((x << n) | (x >> (8 * sizeof(Word) - n)));
}
template <class Word>
constexpr Word rotr(Word x, int n) {
  return static_cast<Word>((x >> n) | (x << (8 * sizeof(Word) - n)));
}

// Every hash here pads the same way (RFC 1321 section 3.1, FIPS 180-4
// section 5.1): 0x80, zeros, then the bit length, to a multiple of the
// block size. MD5 writes the length little-endian in 8 bytes; SHA-1 and
// SHA-256 big-endian in 8 bytes of a 64-byte block; SHA-512 big-endian in 16
// bytes of a 128-byte block (the upper 8 are zero: inputs here are short).
std::string pad(std::string_view data, bool big_endian, std::size_t block, std::size_t length) {
  std::string m(data);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  m += static_cast<char>(0x80);
  while (m.size() % block != block - length) m += '\0';
  if (big_endian) m.append(length - 8, '\0');
  for (int i = 0; i < 8; ++i) {
    int shift = big_endian ? 56 - 8 * i : 8 * i;
    m += static_cast<char>((bits >> shift) & 0xff);
  }
  return m;
}

std::uint32_t byte_at(const std::string& m, std::size_t i) {
  return static_cast<std::uint8_t>(m[i]);
}

// The big-endian word of `sizeof(Word)` bytes at `p`.
template <class Word>
Word load_be(const std::string& m, std::size_t p) {
  Word w = 0;
  for (std::size_t i = 0; i < sizeof(Word); ++i)
    w = static_cast<Word>((w << 8) | byte_at(m, p + i));
  return w;
}

// The state words as bytes, most significant first.
template <std::size_t Bytes, class Word, std::size_t N>
std::array<std::uint8_t, Bytes> store_be(const std::array<Word, N>& h) {
  static_assert(Bytes == N * sizeof(Word));
  std::array<std::uint8_t, Bytes> out{};
  for (std::size_t i = 0; i < Bytes; ++i) {
    const int shift = static_cast<int>(8 * (sizeof(Word) - 1 - i % sizeof(Word)));
    out[i] = static_cast<std::uint8_t>(h[i / sizeof(Word)] >> shift);
  }
  return out;
}

// The constants of SHA-256 and SHA-512 (FIPS 180-4 sections 4.1.2, 4.1.3,
// 4.2.2, 4.2.3, 5.3.3 and 5.3.5): both run the same compression (sha2_hex)
// on words of different sizes.
struct Sha256 {
  using Word = std::uint32_t;
  static constexpr std::size_t kBlock = 64;
  static constexpr std::size_t kLengthBytes = 8;
  // The rotations of the big sigma functions, and the rotations and shift of the small ones.
  static constexpr std::array<int, 3> kBigSigma0 = {2, 13, 22};
  static constexpr std::array<int, 3> kBigSigma1 = {6, 11, 25};
  static constexpr std::array<int, 3> kSmallSigma0 = {7, 18, 3};
  static constexpr std::array<int, 3> kSmallSigma1 = {17, 19, 10};
  // The first 32 bits of the fractional parts of the cube roots of the
  // first 64 primes.
  static constexpr std::array<Word, 64> kK = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  // ... and of the square roots of the first 8 primes.
  static constexpr std::array<Word, 8> kInit = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
};

struct Sha512 {
  using Word = std::uint64_t;
  static constexpr std::size_t kBlock = 128;
  static constexpr std::size_t kLengthBytes = 16;
  static constexpr std::array<int, 3> kBigSigma0 = {28, 34, 39};
  static constexpr std::array<int, 3> kBigSigma1 = {14, 18, 41};
  static constexpr std::array<int, 3> kSmallSigma0 = {1, 8, 7};
  static constexpr std::array<int, 3> kSmallSigma1 = {19, 61, 6};
  // The first 64 bits of the fractional parts of the cube roots of the
  // first 80 primes.
  static constexpr std::array<Word, 80> kK = {
      0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
      0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
      0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
      0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
      0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
      0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
      0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
      0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
      0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
      0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
      0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
      0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
      0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
      0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
      0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
      0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
      0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
      0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
      0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
      0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};
  // ... and of the square roots of the first 8 primes.
  static constexpr std::array<Word, 8> kInit = {
      0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
      0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
};

template <class Word>
Word big_sigma(Word x, const std::array<int, 3>& r) {
  return rotr(x, r[0]) ^ rotr(x, r[1]) ^ rotr(x, r[2]);
}
template <class Word>
Word small_sigma(Word x, const std::array<int, 3>& r) {
  return rotr(x, r[0]) ^ rotr(x, r[1]) ^ static_cast<Word>(x >> r[2]);
}

// SHA-256 or SHA-512 of `data` (FIPS 180-4 sections 6.2.2 and 6.4.2).
template <class Sha>
std::string sha2_hex(std::string_view data) {
  using Word = typename Sha::Word;
  constexpr std::size_t kRounds = Sha::kK.size();
  std::array<Word, 8> h = Sha::kInit;
  const std::string m = pad(data, true, Sha::kBlock, Sha::kLengthBytes);
  for (std::size_t block = 0; block < m.size(); block += Sha::kBlock) {
    std::array<Word, kRounds> w{};
    for (std::size_t i = 0; i < 16; ++i) w[i] = load_be<Word>(m, block + sizeof(Word) * i);
    for (std::size_t i = 16; i < kRounds; ++i) {
      w[i] = static_cast<Word>(w[i - 16] + small_sigma(w[i - 15], Sha::kSmallSigma0) + w[i - 7] +
                               small_sigma(w[i - 2], Sha::kSmallSigma1));
    }
    // v holds a..h of the standard.
    std::array<Word, 8> v = h;
    for (std::size_t i = 0; i < kRounds; ++i) {
      const Word ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      const Word maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      const Word t1 =
          static_cast<Word>(v[7] + big_sigma(v[4], Sha::kBigSigma1) + ch + Sha::kK[i] + w[i]);
      const Word t2 = static_cast<Word>(big_sigma(v[0], Sha::kBigSigma0) + maj);
      for (std::size_t j = 7; j > 0; --j) v[j] = v[j - 1];
      v[4] = static_cast<Word>(v[4] + t1);
      v[0] = static_cast<Word>(t1 + t2);
    }
    for (std::size_t j = 0; j < 8; ++j) h[j] = static_cast<Word>(h[j] + v[j]);
  }
  return to_hex(store_be<8 * sizeof(Word)>(h));
}

}  // namespace

std::string md5_hex(std::string_view data) {
  static constexpr std::array<int, 64> kShift = {
      7,  12, 17, 22, 7,  12, 17, 22, 7,  12, 17, 22, 7,  12, 17, 22, 5,  9,  14, 20, 5,  9,
      14, 20, 5,  9,  14, 20, 5,  9,  14, 20, 4,  11, 16, 23, 4,  11, 16, 23, 4,  11, 16, 23,
      4,  11, 16, 23, 6,  10, 15, 21, 6,  10, 15, 21, 6,  10, 15, 21, 6,  10, 15, 21};
  // K[i] = floor(abs(sin(i + 1)) * 2^32), RFC 1321 section 3.4.
  static constexpr std::array<std::uint32_t, 64> kK = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
      0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
      0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
      0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
      0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
      0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
      0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
      0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
      0xeb86d391};
  std::array<std::uint32_t, 4> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  const std::string m = pad(data, false, 64, 8);
  for (std::size_t block = 0; block < m.size(); block += 64) {
    std::array<std::uint32_t, 16> w{};
    for (std::size_t i = 0; i < 16; ++i) {
      std::size_t p = block + 4 * i;
      w[i] = byte_at(m, p) | (byte_at(m, p + 1) << 8) | (byte_at(m, p + 2) << 16) |
             (byte_at(m, p + 3) << 24);
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (std::size_t i = 0; i < 64; ++i) {
      std::uint32_t f = 0;
      std::size_t g = 0;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      std::uint32_t next = b + rotl(a + f + kK[i] + w[g], kShift[i]);
      a = d;
      d = c;
      c = b;
      b = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
  }
  std::array<std::uint8_t, 16> out{};
  for (std::size_t i = 0; i < 16; ++i)
    out[i] = static_cast<std::uint8_t>(h[i / 4] >> (8 * (i % 4)));
  return to_hex(out);
}

std::string sha256_hex(std::string_view data) { return sha2_hex<Sha256>(data); }

std::string sha1_hex(std::string_view data) {
  std::array<std::uint32_t, 5> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  const std::string m = pad(data, true, 64, 8);
  for (std::size_t block = 0; block < m.size(); block += 64) {
    std::array<std::uint32_t, 80> w{};
    for (std::size_t i = 0; i < 16; ++i) w[i] = load_be<std::uint32_t>(m, block + 4 * i);
    for (std::size_t i = 16; i < 80; ++i) {
      w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    // FIPS 180-4 section 4.1.1: a different function and constant for each
    // 20 rounds.
    for (std::size_t i = 0; i < 80; ++i) {
      std::uint32_t f = 0, k = 0;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const std::uint32_t next = rotl(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  return to_hex(store_be<20>(h));
}

std::string sha512_hex(std::string_view data) { return sha2_hex<Sha512>(data); }

}  // namespace httpxx::detail
