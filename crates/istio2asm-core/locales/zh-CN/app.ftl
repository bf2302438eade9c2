# app — zh-CN
